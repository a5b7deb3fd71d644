package run.hatchet.internal.worker;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counters and a duration histogram, rendered in the Prometheus text format. */
final class WorkerMetrics {
  private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

  final AtomicLong started = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong cancelled = new AtomicLong();
  final AtomicLong reconnects = new AtomicLong();
  private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length);
  private final AtomicLong durationCount = new AtomicLong();
  private final AtomicLong durationMicros = new AtomicLong();

  void observeDuration(long nanos) {
    double seconds = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucketCounts.incrementAndGet(i);
      }
    }
    durationCount.incrementAndGet();
    durationMicros.addAndGet(nanos / 1000);
  }

  String render(SlotGate slots, boolean connected) {
    StringBuilder sb = new StringBuilder();
    gauge(sb, "hatchet_worker_connected", "1 while the worker is connected to the engine", connected ? 1 : 0);
    sb.append("# HELP hatchet_worker_slots_used Slots in use by slot type\n# TYPE hatchet_worker_slots_used gauge\n");
    slots.capacity().forEach((type, cap) ->
        sb.append("hatchet_worker_slots_used{slot_type=\"").append(type).append("\"} ").append(slots.used(type)).append('\n'));
    sb.append("# HELP hatchet_worker_slots_available Free slots by slot type\n# TYPE hatchet_worker_slots_available gauge\n");
    slots.capacity().forEach((type, cap) ->
        sb.append("hatchet_worker_slots_available{slot_type=\"").append(type).append("\"} ").append(cap - slots.used(type)).append('\n'));
    counter(sb, "hatchet_worker_tasks_started_total", "Tasks started", started.get());
    counter(sb, "hatchet_worker_tasks_completed_total", "Tasks completed", completed.get());
    counter(sb, "hatchet_worker_tasks_failed_total", "Tasks failed", failed.get());
    counter(sb, "hatchet_worker_tasks_cancelled_total", "Tasks cancelled", cancelled.get());
    counter(sb, "hatchet_worker_reconnects_total", "Reconnections to the engine after an outage", reconnects.get());
    sb.append("# HELP hatchet_worker_task_duration_seconds Task execution time\n")
        .append("# TYPE hatchet_worker_task_duration_seconds histogram\n");
    for (int i = 0; i < BUCKETS.length; i++) {
      sb.append("hatchet_worker_task_duration_seconds_bucket{le=\"").append(fmt(BUCKETS[i])).append("\"} ")
          .append(bucketCounts.get(i)).append('\n');
    }
    sb.append("hatchet_worker_task_duration_seconds_bucket{le=\"+Inf\"} ").append(durationCount.get()).append('\n');
    sb.append("hatchet_worker_task_duration_seconds_sum ").append(fmt(durationMicros.get() / 1e6)).append('\n');
    sb.append("hatchet_worker_task_duration_seconds_count ").append(durationCount.get()).append('\n');
    return sb.toString();
  }

  private static void gauge(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" gauge\n")
        .append(name).append(' ').append(v).append('\n');
  }

  private static void counter(StringBuilder sb, String name, String help, long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
        .append(name).append(' ').append(v).append('\n');
  }

  private static String fmt(double d) {
    return String.format(Locale.ROOT, "%s", d);
  }
}
