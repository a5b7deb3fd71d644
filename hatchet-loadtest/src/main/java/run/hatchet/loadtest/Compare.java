package run.hatchet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code compare FILE}: medians per implementation of the {@code observe} records in FILE (one JSON per
 * line) and the ratios Java/Go. Exit status 0 only when no run of either implementation was lost.
 */
final class Compare {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** metric key, label, whether higher is better (for the reader; ratios are always java/go). */
  private static final String[][] METRICS = {
      {"self_events_emitted", "events emitted"},
      {"events_short", "  short of -e x -d (ticks the emitter dropped)"},
      {"engine_throughput_per_s", "throughput, runs/s (engine: first created -> last finished)"},
      {"self_push_to_start_ms_avg", "push -> start avg, ms (in process)"},
      {"self_push_ms_avg", "push (write) avg, ms (in process)"},
      {"engine_queue_ms_p50", "queued -> started p50, ms (engine)"},
      {"engine_queue_ms_p95", "queued -> started p95, ms (engine)"},
      {"engine_queue_ms_p99", "queued -> started p99, ms (engine)"},
      {"engine_exec_ms_p50", "started -> finished p50, ms (engine)"},
      {"engine_exec_ms_p99", "started -> finished p99, ms (engine)"},
      {"cpu_window_s", "CPU s while runs were in flight"},
      {"jit_cpu_window_s", "  of which JIT compiler threads, s"},
      {"cpu_per_run_ms", "CPU ms per run, while in flight"},
      {"cpu_warm_per_run_ms", "CPU ms per run, second half of the window (warm)"},
      {"cpu_per_run_excl_jit_ms", "CPU ms per run, in flight, without the JIT compiler"},
      {"cpu_warm_per_run_excl_jit_ms", "CPU ms per run, warm half, without the JIT compiler"},
      {"cpu_s", "CPU s, whole process"},
      {"jit_cpu_s", "  of which JIT compiler threads, s"},
      {"cpu_total_per_run_ms", "CPU ms per run, whole process"},
      {"peak_rss_mib", "peak RSS, MiB"},
      {"engine_lost", "lost runs (engine), max over rounds"},
      {"self_lost_runs", "lost runs (in process), max over rounds"},
  };

  private Compare() {}

  static int run(List<String> args, PrintStream out) {
    if (args.size() != 1) {
      System.err.println("usage: compare RESULTS.jsonl");
      return 2;
    }
    Map<String, List<JsonNode>> byImpl = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of(args.get(0)))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = MAPPER.readTree(line);
        byImpl.computeIfAbsent(n.path("impl").asText(), k -> new ArrayList<>()).add(n);
      }
    } catch (IOException e) {
      System.err.println("compare: cannot read " + args.get(0) + ": " + e.getMessage());
      return 2;
    }
    List<JsonNode> java = byImpl.getOrDefault("java", List.of());
    List<JsonNode> go = byImpl.getOrDefault("go", List.of());
    // both ran with the same flags; only the Java records carry them
    double offered = median(java, "self_events_per_second") * median(java, "self_duration_s");
    if (Double.isFinite(offered)) {
      for (JsonNode n : byImpl.values().stream().flatMap(List::stream).toList()) {
        if (n.path("self_events_emitted").isNumber() && n instanceof ObjectNode o) {
          o.put("events_short", Math.round(offered) - n.path("self_events_emitted").asLong());
        }
      }
    }
    out.printf(Locale.ROOT, "%-58s %12s %12s %10s%n", "median of " + java.size() + " java / " + go.size() + " go rounds", "java", "go", "java/go");
    boolean lost = false;
    for (String[] m : METRICS) {
      boolean isLost = m[0].endsWith("lost") || m[0].endsWith("lost_runs");
      double j = isLost ? max(java, m[0]) : median(java, m[0]);
      double g = isLost ? max(go, m[0]) : median(go, m[0]);
      if (isLost && (j > 0 || g > 0)) {
        lost = true;
      }
      out.printf(Locale.ROOT, "%-58s %12s %12s %10s%n", m[1], fmt(j), fmt(g), isLost ? "" : fmt(j / g));
    }
    out.printf(Locale.ROOT, "throughput ratio java/go = %s%n", fmt(median(java, "engine_throughput_per_s") / median(go, "engine_throughput_per_s")));
    out.printf(Locale.ROOT, "cpu per run ratio java/go = %s (while runs were in flight; warm second half: %s; whole process: %s)%n",
        fmt(median(java, "cpu_per_run_ms") / median(go, "cpu_per_run_ms")),
        fmt(median(java, "cpu_warm_per_run_ms") / median(go, "cpu_warm_per_run_ms")),
        fmt(median(java, "cpu_total_per_run_ms") / median(go, "cpu_total_per_run_ms")));
    // the reference is compiled ahead of time: its compiler's work is not in any process's CPU time
    out.printf(Locale.ROOT, "cpu per run ratio java/go without java's JIT compiler = %s (warm second half: %s)%n",
        fmt(median(java, "cpu_per_run_excl_jit_ms") / median(go, "cpu_per_run_ms")),
        fmt(median(java, "cpu_warm_per_run_excl_jit_ms") / median(go, "cpu_warm_per_run_ms")));
    if (java.isEmpty() || go.isEmpty()) {
      out.println("incomplete: a side has no results");
      return 1;
    }
    if (lost) {
      out.println("LOST RUNS: at least one round lost runs (see the table)");
      return 1;
    }
    return 0;
  }

  static double median(List<JsonNode> rows, String key) {
    List<Double> v = new ArrayList<>();
    for (JsonNode n : rows) {
      if (n.path(key).isNumber()) {
        v.add(n.path(key).asDouble());
      }
    }
    if (v.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(v);
    int k = v.size();
    return k % 2 == 1 ? v.get(k / 2) : (v.get(k / 2 - 1) + v.get(k / 2)) / 2;
  }

  static double max(List<JsonNode> rows, String key) {
    double m = Double.NaN;
    for (JsonNode n : rows) {
      if (n.path(key).isNumber()) {
        m = Double.isNaN(m) ? n.path(key).asDouble() : Math.max(m, n.path(key).asDouble());
      }
    }
    return m;
  }

  static String fmt(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "-";
    }
    return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
  }
}
