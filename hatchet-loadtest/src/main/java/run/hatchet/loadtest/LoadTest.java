package run.hatchet.loadtest;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;
import run.hatchet.worker.WorkerBuilder;

/**
 * The load test: an emitter pushes events at a fixed rate and a worker in the same process runs the task
 * each event triggers. At the end it prints a summary and one JSON line, and exits non-zero when a run was
 * lost. Subcommands {@code observe} and {@code compare} serve {@code scripts/bench-compare}.
 */
public final class LoadTest {
  /** The event key and workflow/worker names of the reference load test. */
  static final String EVENT_KEY = "load-test:event";
  static final String WORKFLOW_PREFIX = "load-test-";
  static final String WORKER_NAME = "load-test-worker";

  /**
   * The workflows and event key of a phase: the reference's for the measured phase, others of their own
   * for the warm-up, which runs on the same worker and clients in the same namespace.
   */
  record Phase(String workflowPrefix, String eventKey) {
    static final Phase MEASURED = new Phase(WORKFLOW_PREFIX, EVENT_KEY);
    static final Phase WARMUP = new Phase("load-test-warmup-", "load-test-warmup:event");

    String workflow(int index) {
      return workflowPrefix + index;
    }
  }

  /** The payload of each event (and so the input of each run); field names as in the reference. */
  public record Event(long id, @JsonProperty("created_at") Instant createdAt, String payload) {}

  /** The output of each run. */
  public record StepOneOutput(String message) {}

  private final Options o;
  private final PrintStream out;
  private final Phase phase;
  private final Samples pushToStart = new Samples();
  private final Samples startToDone = new Samples();
  private final Samples pushWrite = new Samples();
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();
  private final Set<Long> finished = ConcurrentHashMap.newKeySet();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong lastDoneNanos = new AtomicLong();
  private Logger log;

  LoadTest(Options o, PrintStream out, Phase phase) {
    this.o = o;
    this.out = out;
    this.phase = phase;
  }

  public static void main(String[] args) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    if (!a.isEmpty() && a.get(0).equals("loadtest")) {
      a.remove(0); // the reference's command shape: `loadtest -e 100 ...`
    }
    if (!a.isEmpty() && a.get(0).equals("observe")) {
      quietLogs("warn");
      System.exit(Observe.run(a.subList(1, a.size()), System.out));
    }
    if (!a.isEmpty() && a.get(0).equals("compare")) {
      quietLogs("warn");
      System.exit(Compare.run(a.subList(1, a.size()), System.out));
    }
    Options o;
    try {
      o = Options.parse(a);
    } catch (IllegalArgumentException e) {
      System.err.println("loadtest: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (o.help) {
      System.out.println(Options.USAGE);
      return;
    }
    quietLogs(o.level);
    Watchdog.start(o.timeLimit());
    o.namespace = namespace(o);
    int rc;
    try {
      rc = run(o, System.out);
    } catch (RuntimeException e) {
      System.err.println("loadtest: FAILED: " + e);
      rc = 1;
    }
    System.exit(rc);
  }

  /** Configures the SLF4J simple logger before the first logger exists. */
  static void quietLogs(String level) {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
    System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }

  /** The run's namespace: --namespace, else HATCHET_CLIENT_NAMESPACE, else a fresh one. */
  static String namespace(Options o) {
    String ns = o.namespace != null ? o.namespace : System.getenv(ClientConfig.ENV_NAMESPACE);
    if (ns == null || ns.isBlank()) {
      ns = "loadtest_" + UUID.randomUUID().toString().substring(0, 8);
    }
    return ns;
  }

  /**
   * Starts the worker and the clients, runs the warm-up phase if one is asked for, then the measured phase
   * on the same worker and clients; returns the measured phase's exit status (0 = every run completed).
   * The warm-up runs the same load, unmeasured, with workflows and an event key of its own, so that the
   * measured phase finds the JVM's code compiled and its connections open, as a long-running worker would;
   * only a one-line note of it is printed (to stderr).
   */
  static int run(Options o, PrintStream out) {
    long t0 = System.nanoTime();
    ClientConfig config = ClientConfig.builder().namespace(namespace(o)).build();
    // like the reference, the emitter has a client (and so a connection) of its own
    try (Hatchet hatchet = Hatchet.builder().config(config).build();
        Hatchet emitterClient = Hatchet.builder().config(config).build()) {
      LoadTest measured = new LoadTest(o, out, Phase.MEASURED);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      LoadTest warm = o.warmup.isZero() ? null
          : new LoadTest(o.warmupPhase(), new PrintStream(sink, true, StandardCharsets.UTF_8), Phase.WARMUP);
      WorkerBuilder wb = hatchet.worker(WORKER_NAME).slots(o.effectiveSlots());
      measured.register(hatchet, wb);
      if (warm != null) {
        warm.register(hatchet, wb);
      }
      Worker worker = wb.start();
      try {
        Logger log = LoggerFactory.getLogger(LoadTest.class);
        log.info("worker {} started in namespace {}; settling {} before emitting", worker.name(), config.namespace(), o.settle);
        sleep(o.settle);
        long measuredStart = t0; // the measured phase's wall time includes its own settling, not the warm-up
        if (warm != null) {
          long w0 = System.nanoTime();
          Instant since = Instant.now().minusSeconds(5);
          int rc = warm.phase(hatchet, emitterClient, false, w0);
          double caughtUp = warm.awaitEngineCaughtUp(hatchet, since);
          String[] lines = sink.toString(StandardCharsets.UTF_8).strip().split("\n");
          System.err.printf(Locale.ROOT, "loadtest: warm-up (workflows %s*) took %.1f s (%s); the engine's record of its runs"
              + " was final %.1f s later%n", Phase.WARMUP.workflowPrefix(), (System.nanoTime() - w0) / 1e9,
              rc == 0 ? "every run completed" : "exit status " + rc + ": " + lines[lines.length - 1], caughtUp);
          measuredStart = System.nanoTime();
          sleep(o.settle);
        }
        return measured.phase(hatchet, emitterClient, true, measuredStart);
      } finally {
        worker.shutdown(Duration.ofSeconds(5));
      }
    }
  }

  /**
   * Waits until the engine lists none of this phase's runs as queued or running (at most {@code -w}, at
   * least 15 s), so that the next phase does not start while the engine is still catching up on this
   * one's runs (a run's final state reaches the engine's read model after the worker reported it). Reads
   * one row per poll. Returns the seconds waited.
   */
  private double awaitEngineCaughtUp(Hatchet hatchet, Instant since) {
    long t0 = System.nanoTime();
    try {
      EngineView view = new EngineView(hatchet);
      List<String> ids = view.workflowIds(workflowNames(hatchet.config()));
      long end = t0 + engineWaitNanos();
      while (view.anyUnfinished(ids, since) && System.nanoTime() < end) {
        sleep(Duration.ofMillis(250));
      }
    } catch (RuntimeException e) {
      log.warn("could not read the runs back from the engine: {}", e.toString());
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  /** How long to wait for the engine's read model to show this phase's runs final: {@code -w}, at least 15 s. */
  private long engineWaitNanos() {
    return Math.max(o.waitFor.toNanos(), Duration.ofSeconds(15).toNanos());
  }

  private List<String> workflowNames(ClientConfig config) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < o.fanout; i++) {
      names.add(config.applyNamespace(phase.workflow(i)));
    }
    return names;
  }

  /** Registers this phase's workflows on the worker. */
  private void register(Hatchet hatchet, WorkerBuilder wb) {
    for (int i = 0; i < o.fanout; i++) {
      wb.register(task(hatchet, i));
    }
  }

  /**
   * Emits this phase's events, waits for their runs and reports; with {@code engineView}, also reads the
   * runs back from the engine. Returns the exit status (0 = every run completed).
   */
  int phase(Hatchet hatchet, Hatchet emitterClient, boolean engineView, long t0) {
    log = LoggerFactory.getLogger(LoadTest.class);
    ClientConfig config = hatchet.config();
    String ns = namespace(o);
    Instant since = Instant.now().minusSeconds(5);
    List<String> workflowNames = workflowNames(config);
    double cpuAtEmit = ProcStats.cpuSeconds("self");
    double jitAtEmit = ProcStats.jitCpuSeconds("self");
    Emitter.Result emitted = new Emitter(emitterClient, o, pushWrite, phase.eventKey()).run();
    long expected = emitted.pushed() * o.fanout;
    log.info("emitted {} events ({} push errors); waiting up to {} for {} runs", emitted.pushed(), emitted.errors(), o.waitFor, expected);

    long waitEnd = System.nanoTime() + o.waitFor.toNanos();
    while (finished.size() < expected && System.nanoTime() < waitEnd) {
      sleep(Duration.ofMillis(20));
    }
    long doneNanos = lastDoneNanos.get();
    double cpuAtDone = ProcStats.cpuSeconds("self");
    double jitAtDone = ProcStats.jitCpuSeconds("self");

    // the engine must have every run in a final state too: a completion the worker lost would show here
    Report engine = engineView ? engineView(hatchet, workflowNames, since, expected) : null;

    long done = finished.size();
    long lost = Math.max(0, expected - done);
    double window = doneNanos > emitted.startNanos() ? (doneNanos - emitted.startNanos()) / 1e9 : Double.NaN;
    double cpu = ProcStats.cpuSeconds("self");
    Report r = new Report()
        .put("impl", "java")
        .put("namespace", ns)
        .put("events_per_second", o.events)
        .put("duration_s", o.duration.toMillis() / 1000.0)
        .put("warmup_s", o.warmup.toMillis() / 1000.0)
        .put("slots", o.effectiveSlots())
        .put("concurrency", o.concurrency)
        .put("fanout", o.fanout)
        .put("delay_ms", (double) o.delay.toMillis())
        .put("payload_bytes", o.payloadBytes())
        .put("failure_rate", o.failureRate)
        .put("events_emitted", emitted.pushed())
        .put("push_errors", emitted.errors())
        .put("ticks_dropped", emitted.ticksDropped())
        .put("tick_late_max_ms", emitted.lateMaxNanos() / 1e6)
        .put("runs_expected", expected)
        .put("runs_completed", done)
        .put("runs_succeeded", completed.get())
        .put("runs_failed", failed.get())
        .put("duplicates", duplicates.get())
        .put("lost_runs", lost)
        .put("throughput_per_s", window > 0 ? done / window : Double.NaN)
        .latency("push_to_start_ms", pushToStart.summary())
        .latency("start_to_done_ms", startToDone.summary())
        .latency("push_ms", pushWrite.summary())
        .put("cpu_s", cpu)
        .put("cpu_window_s", cpuAtDone - cpuAtEmit)
        .put("cpu_per_run_ms", done > 0 ? (cpuAtDone - cpuAtEmit) * 1000 / done : Double.NaN)
        .put("jit_cpu_s", ProcStats.jitCpuSeconds("self"))
        .put("jit_cpu_window_s", jitAtDone - jitAtEmit)
        .put("cpu_per_run_excl_jit_ms",
            done > 0 ? ((cpuAtDone - cpuAtEmit) - (jitAtDone - jitAtEmit)) * 1000 / done : Double.NaN)
        .put("peak_rss_mib", ProcStats.peakRssMiB("self"))
        .put("wall_s", (System.nanoTime() - t0) / 1e9);
    if (engine != null) {
      r.putAll(engine.fields());
    }
    printSummary(r, engine != null);
    out.println(r.json());
    out.flush();
    boolean engineOk = engine == null || ((Number) engine.get("engine_lost")).longValue() == 0;
    return lost == 0 && emitted.errors() == 0 && duplicates.get() == 0 && engineOk && done > 0 ? 0 : 1;
  }

  /** The engine's record of this phase's runs, once every run is final there (or the wait is over); null if unreadable. */
  private Report engineView(Hatchet hatchet, List<String> workflowNames, Instant since, long expected) {
    try {
      EngineView view = new EngineView(hatchet);
      List<String> ids = view.workflowIds(workflowNames);
      long engineEnd = System.nanoTime() + engineWaitNanos();
      List<EngineView.TaskRow> rows = view.tasks(ids, since);
      while (rows.stream().filter(EngineView.TaskRow::terminal).count() < expected && System.nanoTime() < engineEnd) {
        sleep(Duration.ofMillis(500));
        rows = view.tasks(ids, since);
      }
      return Report.engine(rows, expected);
    } catch (RuntimeException e) {
      log.warn("could not read the runs back from the engine: {}", e.toString());
      return null;
    }
  }

  private Task<Event, StepOneOutput> task(Hatchet hatchet, int index) {
    long delayNanos = o.delay.toNanos();
    int fanout = o.fanout;
    double failureRate = o.failureRate;
    return hatchet.task(phase.workflow(index), Event.class, StepOneOutput.class, (ev, ctx) -> {
      long start = System.nanoTime();
      pushToStart.add(Math.max(0, Duration.between(ev.createdAt(), Instant.now()).toNanos()));
      long key = ev.id() * fanout + index;
      if (!seen.add(key)) {
        duplicates.incrementAndGet();
        log.warn("duplicate run for event {} (workflow {})", ev.id(), index);
      }
      if (delayNanos > 0) {
        Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
      }
      boolean fail = failureRate > 0 && ThreadLocalRandom.current().nextDouble() < failureRate;
      long end = System.nanoTime();
      startToDone.add(end - start);
      finished.add(key);
      lastDoneNanos.accumulateAndGet(end, Math::max);
      if (fail) {
        failed.incrementAndGet();
        throw new IllegalStateException("random failure");
      }
      completed.incrementAndGet();
      return new StepOneOutput("This ran at: " + Instant.now());
    }, t -> t.retries(0), w -> {
      w.onEvents(phase.eventKey());
      if (o.concurrency > 0) {
        w.concurrency(Concurrency.of("'global'", o.concurrency, ConcurrencyStrategy.GROUP_ROUND_ROBIN));
      }
    });
  }

  private void printSummary(Report r, boolean engine) {
    out.printf(Locale.ROOT, "loadtest (java): %d events/s for %.0f s, %d slots, fanout %d, delay %.0f ms, payload %d B, namespace %s%n",
        o.events, o.duration.toMillis() / 1000.0, o.effectiveSlots(), o.fanout, o.delay.toMillis() * 1.0, o.payloadBytes(), r.get("namespace"));
    out.printf(Locale.ROOT, "  events emitted   %s (push errors %s; ticker: %s ticks dropped, latest tick %s ms late)%n",
        r.get("events_emitted"), r.get("push_errors"), r.get("ticks_dropped"), r.get("tick_late_max_ms"));
    out.printf(Locale.ROOT, "  runs completed   %s of %s expected (%s failed by -f, %s duplicates), lost %s%n",
        r.get("runs_completed"), r.get("runs_expected"), r.get("runs_failed"), r.get("duplicates"), r.get("lost_runs"));
    out.printf(Locale.ROOT, "  throughput       %s runs/s%n", r.get("throughput_per_s"));
    out.printf(Locale.ROOT, "  push -> start    avg %s  p50 %s  p95 %s  p99 %s ms%n", r.get("push_to_start_ms_avg"),
        r.get("push_to_start_ms_p50"), r.get("push_to_start_ms_p95"), r.get("push_to_start_ms_p99"));
    out.printf(Locale.ROOT, "  start -> done    avg %s  p50 %s  p95 %s  p99 %s ms%n", r.get("start_to_done_ms_avg"),
        r.get("start_to_done_ms_p50"), r.get("start_to_done_ms_p95"), r.get("start_to_done_ms_p99"));
    out.printf(Locale.ROOT, "  push (write)     avg %s  p99 %s ms%n", r.get("push_ms_avg"), r.get("push_ms_p99"));
    out.printf(Locale.ROOT, "  cpu              %s s in total, %s s from first push to last run (%s ms per run)%n",
        r.get("cpu_s"), r.get("cpu_window_s"), r.get("cpu_per_run_ms"));
    out.printf(Locale.ROOT, "  of which JIT     %s s in total, %s s from first push to last run (%s ms per run without it)%n",
        r.get("jit_cpu_s"), r.get("jit_cpu_window_s"), r.get("cpu_per_run_excl_jit_ms"));
    out.printf(Locale.ROOT, "  peak rss         %s MiB%n", r.get("peak_rss_mib"));
    if (engine) {
      out.printf(Locale.ROOT, "  engine's view    %s runs: %s completed, %s failed, lost %s; %s runs/s; queue p50/p95 %s/%s ms%n",
          r.get("engine_runs"), r.get("engine_completed"), r.get("engine_failed"), r.get("engine_lost"),
          r.get("engine_throughput_per_s"), r.get("engine_queue_ms_p50"), r.get("engine_queue_ms_p95"));
    } else {
      out.println("  engine's view    unavailable (REST API not reachable)");
    }
  }

  static void sleep(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    long left;
    while ((left = end - System.nanoTime()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Ends the process if the run takes far longer than its flags allow: a load test never hangs. */
  static final class Watchdog {
    private Watchdog() {}

    static void start(Duration limit) {
      Thread t = new Thread(() -> {
        sleep(limit);
        System.err.println("loadtest: FAILED: still running after " + limit + "; giving up");
        Runtime.getRuntime().halt(3);
      }, "loadtest-watchdog");
      t.setDaemon(true);
      t.start();
    }
  }
}
