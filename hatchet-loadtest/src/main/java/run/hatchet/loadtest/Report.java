package run.hatchet.loadtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A flat, ordered JSON record; NaN and infinities become null; decimals are rounded to 3 places. */
final class Report {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Map<String, Object> fields = new LinkedHashMap<>();

  Report put(String key, Object value) {
    if (value instanceof Double d) {
      fields.put(key, d.isNaN() || d.isInfinite() ? null : Math.round(d * 1000.0) / 1000.0);
    } else {
      fields.put(key, value);
    }
    return this;
  }

  Report putAll(Map<String, ?> other) {
    other.forEach(this::put);
    return this;
  }

  Report latency(String prefix, Samples.Summary s) {
    put(prefix + "_avg", s.avgMillis());
    put(prefix + "_p50", s.percentileMillis(50));
    put(prefix + "_p95", s.percentileMillis(95));
    put(prefix + "_p99", s.percentileMillis(99));
    return this;
  }

  Object get(String key) {
    return fields.get(key);
  }

  Map<String, Object> fields() {
    return fields;
  }

  String json() {
    try {
      return MAPPER.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The engine's view of the runs: counts by status, runs lost (expected but not finished), throughput
   * over the window from the first run created to the last one finished, and the distributions of queue
   * time (created to started) and execution time (started to finished).
   */
  static Report engine(List<EngineView.TaskRow> rows, long expected) {
    Report r = new Report();
    long completed = rows.stream().filter(t -> t.status().equals("COMPLETED")).count();
    long failed = rows.stream().filter(t -> t.status().equals("FAILED")).count();
    long terminal = rows.stream().filter(EngineView.TaskRow::terminal).count();
    Instant first = null;
    Instant last = null;
    Samples queue = new Samples();
    Samples exec = new Samples();
    for (EngineView.TaskRow t : rows) {
      if (t.createdAt() != null && (first == null || t.createdAt().isBefore(first))) {
        first = t.createdAt();
      }
      if (t.terminal() && t.finishedAt() != null && (last == null || t.finishedAt().isAfter(last))) {
        last = t.finishedAt();
      }
      if (t.createdAt() != null && t.startedAt() != null) {
        queue.add(Math.max(0, Duration.between(t.createdAt(), t.startedAt()).toNanos()));
      }
      if (t.startedAt() != null && t.finishedAt() != null) {
        exec.add(Math.max(0, Duration.between(t.startedAt(), t.finishedAt()).toNanos()));
      }
    }
    double window = first != null && last != null ? Duration.between(first, last).toNanos() / 1e9 : Double.NaN;
    // the second half of the window: the processes are warm (JIT compilation done) by then
    Instant mid = first != null && last != null ? first.plus(Duration.between(first, last).dividedBy(2)) : null;
    long steadyRuns = 0;
    if (mid != null) {
      for (EngineView.TaskRow t : rows) {
        if (t.terminal() && t.finishedAt() != null && t.finishedAt().isAfter(mid) && !t.finishedAt().isAfter(last)) {
          steadyRuns++;
        }
      }
    }
    r.put("engine_runs", rows.size());
    r.put("engine_completed", completed);
    r.put("engine_failed", failed);
    r.put("engine_lost", Math.max(0, expected - terminal));
    r.put("engine_window_s", window);
    r.put("engine_throughput_per_s", window > 0 ? terminal / window : Double.NaN);
    Samples.Summary q = queue.summary();
    Samples.Summary x = exec.summary();
    r.put("engine_queue_ms_p50", q.percentileMillis(50));
    r.put("engine_queue_ms_p95", q.percentileMillis(95));
    r.put("engine_queue_ms_p99", q.percentileMillis(99));
    r.put("engine_exec_ms_p50", x.percentileMillis(50));
    r.put("engine_exec_ms_p95", x.percentileMillis(95));
    r.put("engine_exec_ms_p99", x.percentileMillis(99));
    r.put("engine_first_created_ms", first == null ? null : first.toEpochMilli());
    r.put("engine_last_finished_ms", last == null ? null : last.toEpochMilli());
    r.put("engine_second_half_from_ms", mid == null ? null : mid.toEpochMilli());
    r.put("engine_second_half_runs", steadyRuns);
    return r;
  }
}
