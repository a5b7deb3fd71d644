package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.NonRetryableException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.worker.Worker;

/** The worker runtime against the real engine; outcomes are checked in the engine's run details. */
class WorkerIT {
  record Name(String name) {}

  record Greeting(String message) {}

  record Num(int n) {}

  record Step(String from, int value) {}

  record Joined(String summary, int total) {}

  record Attempt(int retryCount) {}

  record Done(boolean done) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Name, Greeting> echo;
  static Workflow<Num> pipeline;
  static TaskRef<Joined> join;
  static Task<Num, Done> failing;
  static Task<Num, Done> nonRetryable;
  static Task<Num, Num> binding;
  static Task<Num, Done> sleeper;
  static Task<Num, Done> timesOut;
  static Task<Num, Done> refreshes;
  static Task<Num, Done> threadKind;
  static final List<Integer> failingAttempts = new CopyOnWriteArrayList<>();
  static final AtomicInteger nonRetryableRuns = new AtomicInteger();
  static final Map<String, CountDownLatch> sleeperStarted = new ConcurrentHashMap<>();
  static final Map<String, Long> sleeperCancelledAt = new ConcurrentHashMap<>();

  @BeforeAll
  static void startWorker() {
    hatchet = Engine.client(WorkerIT.class);
    echo = hatchet.task("echo", Name.class, Greeting.class, (in, ctx) -> new Greeting("Hello, " + in.name() + "!"));

    pipeline = hatchet.workflow("pipeline", Num.class);
    TaskRef<Step> first = pipeline.task("first", Step.class, (in, ctx) -> new Step("first", in.n() + 1));
    TaskRef<Step> second = pipeline.task("second", Step.class,
        (in, ctx) -> new Step("second", ctx.parentOutput(first).value() * 10), o -> o.parents(first));
    join = pipeline.task("join", Joined.class, (in, ctx) -> {
      Step a = ctx.parentOutput(first);
      Step b = ctx.parentOutput(second);
      return new Joined(a.from() + "+" + b.from(), a.value() + b.value());
    }, o -> o.parents(first, second));

    failing = hatchet.task("always-fails", Num.class, Done.class, (in, ctx) -> {
      failingAttempts.add(ctx.retryCount());
      throw new IllegalStateException("boom on attempt " + ctx.attemptNumber());
    }, o -> o.retries(2));

    nonRetryable = hatchet.task("non-retryable", Num.class, Done.class, (in, ctx) -> {
      nonRetryableRuns.incrementAndGet();
      throw new NonRetryableException("do not retry me");
    }, o -> o.retries(3));

    binding = hatchet.task("binding", Num.class, Num.class, (in, ctx) -> new Num(in.n() * 2));

    sleeper = hatchet.task("sleeper", Num.class, Done.class, (in, ctx) -> {
      sleeperStarted.computeIfAbsent(ctx.workflowRunId(), k -> new CountDownLatch(1)).countDown();
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        sleeperCancelledAt.put(ctx.workflowRunId(), System.currentTimeMillis());
        throw e;
      }
      return new Done(true);
    }, o -> o.executionTimeout(Duration.ofMinutes(2)));

    timesOut = hatchet.task("times-out", Num.class, Done.class, (in, ctx) -> {
      Thread.sleep(15_000);
      return new Done(true);
    }, o -> o.executionTimeout(Duration.ofSeconds(2)));

    refreshes = hatchet.task("refreshes", Num.class, Done.class, (in, ctx) -> {
      ctx.refreshTimeout(Duration.ofSeconds(15));
      Thread.sleep(6_000);
      return new Done(true);
    }, o -> o.executionTimeout(Duration.ofSeconds(3)));

    threadKind = hatchet.task("thread-kind", Num.class, Done.class, (in, ctx) -> new Done(isVirtual(Thread.currentThread())));

    worker = hatchet.worker("worker-it").slots(20).healthcheck(0)
        .register(echo, pipeline, failing, nonRetryable, binding, sleeper, timesOut, refreshes, threadKind)
        .start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  @Test
  void standaloneTaskCompletesWithItsOutput() {
    RunRef<Greeting> ref = echo.runNoWait(new Name("world"));
    assertThat(ref.result(Duration.ofSeconds(60)).message()).isEqualTo("Hello, world!");
    JsonNode details = Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    assertThat(details.path("tasks").get(0).path("output").path("message").asText()).isEqualTo("Hello, world!");
  }

  @Test
  void dagPassesParentOutputsToChildren() {
    RunRef<WorkflowResult> ref = pipeline.runNoWait(new Num(4));
    WorkflowResult r = ref.result(Duration.ofSeconds(60));
    assertThat(r.output(join)).isEqualTo(new Joined("first+second", 5 + 50));
    assertThat(r.taskNames()).containsExactlyInAnyOrder("first", "second", "join");
    JsonNode details = Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    assertThat(details.path("tasks")).hasSize(3);
  }

  @Test
  void throwingTaskIsRetriedThenFailsWithItsMessage() {
    failingAttempts.clear();
    RunRef<Done> ref = failing.runNoWait(new Num(1));
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(90)))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("boom on attempt 3");
    assertThat(failingAttempts).containsExactly(0, 1, 2);
    // the engine's read model can show the run failed before the task's error message has reached it
    JsonNode details = Engine.awaitRun(hatchet, ref.id(), d -> "FAILED".equals(d.path("run").path("status").asText())
        && !d.path("tasks").path(0).path("errorMessage").asText().isEmpty(), Duration.ofSeconds(60));
    assertThat(details.path("tasks").get(0).path("errorMessage").asText()).contains("IllegalStateException: boom on attempt 3");
  }

  @Test
  void nonRetryableExceptionRunsOnce() {
    nonRetryableRuns.set(0);
    RunRef<Done> ref = nonRetryable.runNoWait(new Num(1));
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("do not retry me");
    Engine.awaitStatus(hatchet, ref.id(), "FAILED");
    Engine.sleep(3_000);
    assertThat(nonRetryableRuns.get()).isEqualTo(1);
  }

  @Test
  void inputThatDoesNotBindFailsOnlyThatRun() {
    String badId = hatchet.core().trigger("binding", "{\"n\": \"not a number\"}", RunOptions.create());
    RunRef<Num> bad = binding.attach(badId);
    assertThatThrownBy(() -> bad.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("does not bind");
    Engine.awaitStatus(hatchet, badId, "FAILED");
    assertThat(binding.run(new Num(21)).n()).isEqualTo(42);
  }

  @Test
  void cancellingThroughTheEngineInterruptsTheTaskAndFreesItsSlot() throws Exception {
    RunRef<Done> ref = sleeper.runNoWait(new Num(1));
    CountDownLatch started = sleeperStarted.computeIfAbsent(ref.id(), k -> new CountDownLatch(1));
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    long cancelAt = System.currentTimeMillis();
    hatchet.core().rest().post("/api/v1/stable/tenants/" + hatchet.config().tenantId() + "/tasks/cancel",
        Map.of("externalIds", List.of(ref.id())));
    long deadline = System.currentTimeMillis() + 10_000;
    while (!sleeperCancelledAt.containsKey(ref.id()) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(sleeperCancelledAt).containsKey(ref.id());
    assertThat(sleeperCancelledAt.get(ref.id()) - cancelAt).isLessThan(2_000);
    Engine.awaitStatus(hatchet, ref.id(), "CANCELLED");
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(30))).isInstanceOf(RunFailedException.class);
    long end = System.currentTimeMillis() + 5_000;
    while (worker.runningTasks() > 0 && System.currentTimeMillis() < end) {
      Thread.sleep(20);
    }
    assertThat(worker.runningTasks()).isZero();
  }

  @Test
  void executionTimeoutFailsTheRunWithATimeoutError() {
    RunRef<Done> ref = timesOut.runNoWait(new Num(1));
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .satisfies(e -> assertThat(((RunFailedException) e).taskErrors().get("times-out")).containsIgnoringCase("timeout"));
    Engine.awaitStatus(hatchet, ref.id(), "FAILED");
  }

  @Test
  void refreshingTheTimeoutLetsTheTaskFinish() {
    RunRef<Done> ref = refreshes.runNoWait(new Num(1));
    assertThat(ref.result(Duration.ofSeconds(60)).done()).isTrue();
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
  }

  static boolean isVirtual(Thread t) {
    try {
      return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    } catch (ReflectiveOperationException e) {
      return false; // Java 17: no virtual threads
    }
  }

  @Test
  void tasksRunOnVirtualThreadsFromJava21AndPlatformThreadsBefore() {
    boolean expectVirtual = Runtime.version().feature() >= 21;
    assertThat(threadKind.run(new Num(0)).done()).isEqualTo(expectVirtual);
  }

  @Test
  void healthAndMetricsEndpointsReflectTheWorker() throws Exception {
    echo.run(new Name("metrics"));
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> health = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.healthPort() + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    String metrics = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.healthPort() + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("hatchet_worker_slots_available{slot_type=\"default\"}")
        .contains("hatchet_worker_task_duration_seconds_count");
    AtomicLong completed = new AtomicLong(-1);
    for (String line : metrics.split("\n")) {
      if (line.startsWith("hatchet_worker_tasks_completed_total ")) {
        completed.set(Long.parseLong(line.split(" ")[1]));
      }
    }
    assertThat(completed.get()).isGreaterThanOrEqualTo(1);
  }
}
