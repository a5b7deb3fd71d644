package run.hatchet.it.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetApiException;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.features.LogLevel;
import run.hatchet.features.LogLine;
import run.hatchet.features.LogQuery;
import run.hatchet.features.QueueMetrics;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.SortDirection;
import run.hatchet.features.TaskMetrics;
import run.hatchet.features.TaskStat;
import run.hatchet.it.Engine;
import run.hatchet.worker.Worker;

/** hatchet.logs() and hatchet.metrics() against the engine. */
class LogsMetricsIT {
  record Num(int n) {}

  record Ran(String taskRunId) {}

  static Hatchet hatchet;
  static Worker worker;
  static Worker probeWorker;
  static Task<Num, Ran> logger;
  static Task<Num, Ran> retrier;
  static Task<Num, Num> probe;
  /** Task names in task stats are not namespaced: keep this one unique. */
  static final String probeName = "queue-probe-" + UUID.randomUUID().toString().substring(0, 8);
  static Instant since;
  static volatile CountDownLatch gate = new CountDownLatch(0);

  @BeforeAll
  static void start() {
    since = Instant.now().minusSeconds(60);
    hatchet = Engine.client(LogsMetricsIT.class);
    logger = hatchet.task("logger", Num.class, Ran.class, (in, ctx) -> {
      for (int i = 1; i <= 3; i++) {
        ctx.log("line " + i + " of " + in.n());
      }
      ctx.log("WARN", "careful " + in.n());
      ctx.log("ERROR", "bad " + in.n());
      return new Ran(ctx.taskRunId());
    });
    retrier = hatchet.task("retrier", Num.class, Ran.class, (in, ctx) -> {
      ctx.log("attempt " + ctx.attemptNumber());
      if (ctx.retryCount() == 0) {
        throw new IllegalStateException("first attempt fails");
      }
      return new Ran(ctx.taskRunId());
    }, o -> o.retries(1));
    probe = hatchet.task(probeName, Num.class, Num.class, (in, ctx) -> {
      gate.await(60, TimeUnit.SECONDS);
      return in;
    });
    worker = hatchet.worker("logs-worker").slots(5).register(logger, retrier).start();
    probeWorker = hatchet.worker("probe-worker").slots(1).register(probe).start();
  }

  @AfterAll
  static void stop() {
    for (Worker w : new Worker[] {worker, probeWorker}) {
      if (w != null) {
        w.shutdown(Duration.ofSeconds(5));
      }
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  static List<String> texts(List<LogLine> lines) {
    return lines.stream().map(l -> l.level() + ":" + l.message()).collect(Collectors.toList());
  }

  static String workflowId(String name) {
    return Poll.until(name + " registered", Duration.ofSeconds(30), () -> hatchet.workflows().findByName(name),
        Optional::isPresent).get().id();
  }

  /** Acceptance 5: lines written with ctx.log are listed for that task run, in order. */
  @Test
  void logLinesOfATaskRunAreListedInOrder() {
    String taskRunId = logger.run(new Num(1)).taskRunId();
    List<LogLine> lines = Poll.until("5 log lines", Duration.ofSeconds(30), () -> hatchet.logs().list(taskRunId),
        l -> l.size() >= 5);
    assertThat(texts(lines)).containsExactly("INFO:line 1 of 1", "INFO:line 2 of 1", "INFO:line 3 of 1",
        "WARN:careful 1", "ERROR:bad 1");
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.createdAt()).isNotNull();
      assertThat(l.retryCount()).isZero();
    });
    assertThat(lines).extracting(LogLine::createdAt).isSorted();

    assertThat(texts(hatchet.logs().list(taskRunId, LogQuery.create().order(SortDirection.DESC))))
        .containsExactly("ERROR:bad 1", "WARN:careful 1", "INFO:line 3 of 1", "INFO:line 2 of 1", "INFO:line 1 of 1");
    assertThat(texts(hatchet.logs().list(taskRunId, LogQuery.create().levels(LogLevel.WARN, LogLevel.ERROR)
        .order(SortDirection.ASC)))).containsExactly("WARN:careful 1", "ERROR:bad 1");
    assertThat(hatchet.logs().list(taskRunId, LogQuery.create().limit(2).order(SortDirection.ASC))).hasSize(2);
    assertThat(texts(hatchet.logs().list(taskRunId, LogQuery.create().search("line 2"))))
        .containsExactly("INFO:line 2 of 1");
    // the engine's time bounds are exclusive
    assertThat(texts(hatchet.logs().list(taskRunId, LogQuery.create().since(lines.get(1).createdAt())
        .until(lines.get(4).createdAt()).order(SortDirection.ASC)))).containsExactly("INFO:line 3 of 1", "WARN:careful 1");
  }

  @Test
  void logsOfEachAttemptAndTenantWideSearch() {
    String taskRunId = retrier.run(new Num(2)).taskRunId();
    List<LogLine> all = Poll.until("2 attempts logged", Duration.ofSeconds(30), () -> hatchet.logs().list(taskRunId),
        l -> l.size() >= 2);
    assertThat(texts(all)).containsExactly("INFO:attempt 1", "INFO:attempt 2");
    assertThat(all).extracting(LogLine::retryCount).containsExactly(0, 1);
    assertThat(texts(hatchet.logs().list(taskRunId, LogQuery.create().attempt(2)))).containsExactly("INFO:attempt 2");

    String loggerRun = logger.run(new Num(3)).taskRunId();
    String wf = workflowId("logger");
    List<LogLine> found = Poll.until("tenant-wide search finds the line", Duration.ofSeconds(30),
        () -> hatchet.logs().search(LogQuery.create().workflowIds(wf).search("careful 3")), l -> !l.isEmpty());
    assertThat(found).hasSize(1);
    assertThat(found.get(0).taskRunId()).isEqualTo(loggerRun);
    assertThat(found.get(0).level()).isEqualTo(LogLevel.WARN);
    assertThat(hatchet.logs().search(LogQuery.create().taskRunIds(taskRunId).order(SortDirection.ASC)))
        .extracting(LogLine::message).containsExactly("attempt 1", "attempt 2");
    assertThat(hatchet.logs().search(LogQuery.create().taskRunIds(taskRunId).levels(LogLevel.ERROR))).isEmpty();
  }

  @Test
  void taskMetricsCountRunsByStatus() {
    retrier.run(new Num(4));
    logger.run(new Num(5));
    String retrierWf = workflowId("retrier");
    TaskMetrics m = Poll.until("metrics show the completed runs", Duration.ofSeconds(30),
        () -> hatchet.metrics().taskMetrics(RunFilter.create().since(since).workflowIds(retrierWf)),
        x -> x.count(RunStatus.COMPLETED) >= 1);
    long completedRuns = hatchet.runs().listIds(RunFilter.create().since(since).workflowIds(retrierWf)
        .statuses(RunStatus.COMPLETED)).size();
    assertThat(m.count(RunStatus.COMPLETED)).isEqualTo(completedRuns);
    assertThat(m.count(RunStatus.FAILED)).isZero();
    assertThat(m.count(RunStatus.RUNNING) + m.count(RunStatus.QUEUED)).isZero();
    assertThat(m.counts()).containsOnlyKeys(RunStatus.values());
  }

  /** The probe worker has one slot: the first run blocks on the gate, the others wait in the queue. */
  @Test
  void queueMetricsAndTaskStatsShowQueuedWork() {
    gate = new CountDownLatch(1);
    List<RunRef<Num>> refs;
    try {
      refs = List.of(probe.runNoWait(new Num(1)), probe.runNoWait(new Num(2)), probe.runNoWait(new Num(3)),
          probe.runNoWait(new Num(4)));
      QueueMetrics q = Poll.until("3 queued in the probe's queue", Duration.ofSeconds(30),
          () -> hatchet.metrics().queueMetrics(), x -> queuedFor(x) == 3);
      assertThat(q.queues().values()).allSatisfy(v -> assertThat(v).isNotNegative());
      TaskStat stat = Poll.until("task stats: 3 queued, 1 running", Duration.ofSeconds(30),
          () -> hatchet.metrics().taskStats(List.of(probeName)).get(probeName),
          s -> s != null && s.queued() == 3 && s.running() == 1);
      assertThat(stat.raw().path("queued").path("queues").size()).isEqualTo(1);
      assertThat(hatchet.metrics().taskStats()).containsKey(probeName);
    } finally {
      gate.countDown();
    }
    refs.forEach(r -> r.result(Duration.ofSeconds(60)));
    Poll.until("queue drained", Duration.ofSeconds(30), () -> hatchet.metrics().taskStats(List.of(probeName)).get(probeName),
        s -> s.queued() == 0 && s.running() == 0);
    assertThat(queuedFor(hatchet.metrics().queueMetrics())).isZero();
  }

  static long queuedFor(QueueMetrics q) {
    return q.queues().entrySet().stream().filter(e -> e.getKey().contains(probeName)).mapToLong(e -> e.getValue()).sum();
  }

  @Test
  void prometheusMetricsAreTextOrATypedError() {
    try {
      String text = hatchet.metrics().prometheus();
      assertThat(text).contains("# ");
    } catch (HatchetApiException e) {
      // the local engine does not enable tenant Prometheus metrics
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.engineMessage()).containsIgnoringCase("not enabled");
    }
  }
}
