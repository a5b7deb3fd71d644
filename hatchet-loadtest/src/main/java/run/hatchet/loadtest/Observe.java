package run.hatchet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;

/**
 * {@code observe}: one result record of a finished load-test process, Java or the reference, taken the same
 * way for both: the engine's record of the namespace's runs, the process's CPU and memory from /proc
 * samples taken while it ran, and what the process itself printed.
 *
 * <pre>
 * observe --impl go|java --namespace NS --since ISO-TIME --expected N [--fanout F] [--round N]
 *         [--samples FILE] [--go-log FILE] [--java-json FILE] [--wait 30s]
 * </pre>
 *
 * The samples file has one line per sample: epoch seconds, user ticks, system ticks, VmHWM in kB, and
 * optionally the user + system ticks of the process's JIT compiler threads (a JVM's; 0 for the reference).
 */
final class Observe {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Observe() {}

  static int run(List<String> args, PrintStream out) {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.size(); i += 2) {
      if (!args.get(i).startsWith("--")) {
        System.err.println("observe: unexpected argument " + args.get(i));
        return 2;
      }
      a.put(args.get(i).substring(2), args.get(i + 1));
    }
    for (String required : List.of("impl", "namespace", "since")) {
      if (!a.containsKey(required)) {
        System.err.println("observe: --" + required + " is required");
        return 2;
      }
    }
    try {
      Report r = observe(a);
      out.println(r.json());
      return 0;
    } catch (IOException | RuntimeException e) {
      System.err.println("observe: FAILED: " + e);
      return 1;
    }
  }

  static Report observe(Map<String, String> a) throws IOException {
    int fanout = Integer.parseInt(a.getOrDefault("fanout", "1"));
    Report self = new Report();
    if (a.containsKey("java-json")) {
      self = javaSelf(Path.of(a.get("java-json")));
    } else if (a.containsKey("go-log")) {
      self = goSelf(Path.of(a.get("go-log")), fanout);
    }
    long expected = a.containsKey("expected") ? Long.parseLong(a.get("expected"))
        : self.get("self_runs_expected") instanceof Number n ? n.longValue() : 0;

    Report r = new Report().put("impl", a.get("impl")).put("namespace", a.get("namespace"));
    if (a.containsKey("round")) {
      r.put("round", Integer.parseInt(a.get("round")));
    }
    r.put("runs_expected", expected);

    ClientConfig config = ClientConfig.builder().namespace(a.get("namespace")).build();
    try (Hatchet hatchet = Hatchet.builder().config(config).build()) {
      EngineView view = new EngineView(hatchet);
      List<String> names = new ArrayList<>();
      for (int i = 0; i < fanout; i++) {
        names.add(config.applyNamespace(LoadTest.WORKFLOW_PREFIX + i));
      }
      List<String> ids = view.workflowIds(names);
      Instant since = Instant.parse(a.get("since"));
      long end = System.nanoTime() + Options.duration("wait", a.getOrDefault("wait", "30s")).toNanos();
      List<EngineView.TaskRow> rows = view.tasks(ids, since);
      while (rows.stream().filter(EngineView.TaskRow::terminal).count() < expected && System.nanoTime() < end) {
        LoadTest.sleep(Duration.ofMillis(500));
        rows = view.tasks(ids, since);
      }
      r.putAll(Report.engine(rows, expected).fields());
    }

    if (a.containsKey("samples")) {
      process(r, Files.readAllLines(Path.of(a.get("samples"))));
    }
    r.putAll(self.fields());
    return r;
  }

  /**
   * CPU and memory from the samples: totals, and the CPU spent while the engine saw runs in flight; with a
   * JIT column, the same without the JIT compiler's share.
   */
  static void process(Report r, List<String> lines) {
    List<double[]> s = new ArrayList<>();
    boolean jit = true;
    for (String line : lines) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4) {
        try {
          double jitCpu = f.length >= 5 ? Long.parseLong(f[4]) / ProcStats.TICKS_PER_SECOND : Double.NaN;
          s.add(new double[] {Double.parseDouble(f[0]), (Long.parseLong(f[1]) + Long.parseLong(f[2])) / ProcStats.TICKS_PER_SECOND,
              Long.parseLong(f[3]) / 1024.0, jitCpu});
          jit &= f.length >= 5;
        } catch (NumberFormatException e) {
          // a torn line at process exit
        }
      }
    }
    if (s.isEmpty()) {
      return;
    }
    double peak = 0;
    for (double[] x : s) {
      peak = Math.max(peak, x[2]);
    }
    double cpu = s.get(s.size() - 1)[1];
    r.put("cpu_s", cpu);
    r.put("peak_rss_mib", peak);
    r.put("wall_s", s.get(s.size() - 1)[0] - s.get(0)[0]);
    if (jit) {
      r.put("jit_cpu_s", s.get(s.size() - 1)[3]);
    }
    long finished = ((Number) r.get("engine_completed")).longValue() + ((Number) r.get("engine_failed")).longValue();
    r.put("cpu_total_per_run_ms", finished > 0 ? cpu * 1000 / finished : Double.NaN);
    Object from = r.get("engine_first_created_ms");
    Object to = r.get("engine_last_finished_ms");
    if (from instanceof Number f && to instanceof Number t && finished > 0) {
      double a = f.doubleValue() / 1000;
      double b = t.doubleValue() / 1000;
      double window = between(s, a, b, 1);
      r.put("cpu_window_s", window);
      r.put("cpu_per_run_ms", window * 1000 / finished);
      if (jit) {
        double jitWindow = between(s, a, b, 3);
        r.put("jit_cpu_window_s", jitWindow);
        r.put("cpu_per_run_excl_jit_ms", (window - jitWindow) * 1000 / finished);
      }
    }
    Object mid = r.get("engine_second_half_from_ms");
    Object half = r.get("engine_second_half_runs");
    if (mid instanceof Number m && to instanceof Number t && half instanceof Number n && n.longValue() > 0) {
      double a = m.doubleValue() / 1000;
      double b = t.doubleValue() / 1000;
      double cpuHalf = between(s, a, b, 1);
      r.put("cpu_warm_per_run_ms", cpuHalf * 1000 / n.longValue());
      if (jit) {
        r.put("cpu_warm_per_run_excl_jit_ms", (cpuHalf - between(s, a, b, 3)) * 1000 / n.longValue());
      }
    }
  }

  /** How much column {@code col} of the samples grew from moment {@code a} to moment {@code b}. */
  static double between(List<double[]> s, double a, double b, int col) {
    return at(s, b, col) - at(s, a, col);
  }

  /** Column {@code col} of the samples at a moment, linearly interpolated between the samples around it. */
  static double at(List<double[]> s, double t, int col) {
    if (t <= s.get(0)[0]) {
      return s.get(0)[col];
    }
    for (int i = 1; i < s.size(); i++) {
      if (t <= s.get(i)[0]) {
        double[] a = s.get(i - 1);
        double[] b = s.get(i);
        double span = b[0] - a[0];
        return span <= 0 ? b[col] : a[col] + (b[col] - a[col]) * (t - a[0]) / span;
      }
    }
    return s.get(s.size() - 1)[col];
  }

  /** What the Java load test printed about itself: its JSON line, under {@code self_}. */
  static Report javaSelf(Path file) throws IOException {
    Report r = new Report();
    List<String> lines = Files.readAllLines(file);
    for (int i = lines.size() - 1; i >= 0; i--) {
      String l = lines.get(i).trim();
      if (l.startsWith("{") && l.contains("\"impl\"")) {
        JsonNode n = MAPPER.readTree(l);
        for (Map.Entry<String, JsonNode> e : n.properties()) {
          if (e.getKey().startsWith("engine_") || e.getKey().equals("impl") || e.getKey().equals("namespace")) {
            continue;
          }
          JsonNode v = e.getValue();
          r.put("self_" + e.getKey(), v.isNumber() ? (Object) v.asDouble() : v.isNull() ? null : v.asText());
        }
        return r;
      }
    }
    throw new IOException("no JSON result line in " + file);
  }

  private static final Pattern GO_COUNTS = Pattern.compile("pushed (\\d+), executed (\\d+), uniques (\\d+)");
  private static final Pattern GO_EXEC = Pattern.compile("final average duration per executed event: (\\S+)");
  private static final Pattern GO_PUSH = Pattern.compile("final average scheduling time per event: (\\S+)");

  /** What the reference load test printed: counts and its two averages, under {@code self_}. */
  static Report goSelf(Path file, int fanout) throws IOException {
    Report r = new Report();
    String log = Files.readString(file);
    Matcher m = GO_COUNTS.matcher(log);
    if (m.find()) {
      long pushed = Long.parseLong(m.group(1));
      long uniques = Long.parseLong(m.group(3));
      r.put("self_events_emitted", pushed);
      r.put("self_runs_expected", pushed * fanout);
      r.put("self_runs_completed", Long.parseLong(m.group(2)));
      r.put("self_lost_runs", Math.max(0, pushed * fanout - uniques));
    }
    m = GO_EXEC.matcher(log);
    if (m.find()) {
      r.put("self_push_to_start_ms_avg", Options.duration("go", m.group(1)).toNanos() / 1e6);
    }
    m = GO_PUSH.matcher(log);
    if (m.find()) {
      r.put("self_push_ms_avg", Options.duration("go", m.group(1)).toNanos() / 1e6);
    }
    return r;
  }
}
