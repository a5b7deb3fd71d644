package run.hatchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetException;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.worker.TaskCancelledException;

/** Mock runs call the task's own function with the facts they are given, and record what it sends. */
class MockRunTest {
  record In(String text) {}

  record Out(String text, int attempt) {}

  record Count(int n) {}

  static Hatchet hatchet;

  @BeforeAll
  static void client() {
    hatchet = MockRun.offlineClient();
  }

  @AfterAll
  static void close() {
    hatchet.close();
  }

  @Test
  void workWrappedByTheContextRunsOnOtherThreadsWithoutAnEngine() {
    Task<In, Out> spread = hatchet.task("spread", In.class, Out.class, (in, ctx) -> {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        String a = CompletableFuture.supplyAsync(() -> in.text() + "-a", ctx.wrap(pool)).get(10, TimeUnit.SECONDS);
        StringBuilder b = new StringBuilder();
        pool.submit(ctx.wrap(() -> {
          b.append(in.text()).append("-b");
        })).get(10, TimeUnit.SECONDS);
        StringBuilder c = new StringBuilder();
        Thread t = new Thread(ctx.wrap(() -> {
          c.append(in.text()).append("-c");
        }));
        t.start();
        t.join(10_000);
        return new Out(a + "," + b + "," + c, ctx.attemptNumber());
      } finally {
        pool.shutdownNow();
      }
    });
    assertThat(MockRun.of(spread).input(new In("x")).run().output()).isEqualTo(new Out("x-a,x-b,x-c", 1));
  }

  @Test
  void standaloneTaskGetsInputMetadataAndRetryCount() {
    Task<In, Out> upper = hatchet.task("upper", In.class, Out.class, (in, ctx) -> {
      ctx.log("got " + in.text() + " for " + ctx.additionalMetadata().get("user"));
      ctx.log("warn", "careful");
      ctx.putStream("chunk-1");
      ctx.putStream("chunk-2");
      return new Out(in.text().toUpperCase() + "/" + ctx.taskName() + "/p" + ctx.priority(), ctx.attemptNumber());
    });

    MockResult<Out> r = MockRun.of(upper).input(new In("abc")).metadata("user", "u1").retryCount(2).priority(3).run();

    assertThat(r.succeeded()).isTrue();
    assertThat(r.error()).isNull();
    assertThat(r.output()).isEqualTo(new Out("ABC/upper/p3", 3));
    assertThat(r.outputJson()).isEqualTo("{\"text\":\"ABC/upper/p3\",\"attempt\":3}");
    assertThat(r.logs()).containsExactly(new MockContext.LogLine("INFO", "got abc for u1"),
        new MockContext.LogLine("WARN", "careful"));
    assertThat(r.logMessages()).containsExactly("got abc for u1", "careful");
    assertThat(r.streamChunks()).containsExactly("chunk-1", "chunk-2");
    assertThat(r.cancelled()).isFalse();
    assertThat(r.context().additionalMetadata()).containsExactly(Map.entry("user", "u1"));
  }

  @Test
  void runFactsDefaultToAFirstAttemptWithFreshIds() {
    Task<In, Out> t = hatchet.task("facts", In.class, Out.class,
        (in, ctx) -> new Out(ctx.workflowRunId() + " " + ctx.taskRunId(), ctx.retryCount()));
    MockResult<Out> a = MockRun.of(t).input(new In("x")).run();
    MockResult<Out> b = MockRun.of(t).input(new In("x")).workflowRunId("wr-1").taskRunId("tr-1").run();

    assertThat(a.output().attempt()).isZero();
    assertThat(a.output().text()).matches("[0-9a-f-]{36} [0-9a-f-]{36}");
    assertThat(b.output().text()).isEqualTo("wr-1 tr-1");
    assertThat(a.context().additionalMetadata()).isEmpty();
  }

  @Test
  void dagTaskReadsTypedParentOutputs() {
    Workflow<In> wf = hatchet.workflow("dag", In.class);
    TaskRef<Count> first = wf.task("first", Count.class, (in, ctx) -> new Count(in.text().length()));
    TaskRef<Out> maybe = wf.task("maybe", Out.class, (in, ctx) -> new Out("m", 0));
    TaskRef<Out> second = wf.task("second", Out.class,
        (in, ctx) -> new Out(in.text() + ":" + ctx.parentOutput(first).n() + ":" + ctx.wasSkipped(maybe), 0),
        o -> o.parents(first, maybe));

    MockResult<Out> r = MockRun.of(wf, second).input(new In("hello"))
        .parentOutput(first, new Count(41)).skippedParent(maybe).run();

    assertThat(r.output()).isEqualTo(new Out("hello:41:true", 0));
  }

  @Test
  void missingParentOutputFailsTheRunAndForeignParentsAreRejected() {
    Workflow<In> wf = hatchet.workflow("parents", In.class);
    TaskRef<Count> first = wf.task("first", Count.class, (in, ctx) -> new Count(1));
    TaskRef<Count> other = wf.task("other", Count.class, (in, ctx) -> new Count(2));
    TaskRef<Count> second = wf.task("second", Count.class, (in, ctx) -> ctx.parentOutput(first), o -> o.parents(first));

    MockResult<Count> r = MockRun.of(wf, second).input(new In("x")).run();
    assertThat(r.succeeded()).isFalse();
    assertThat(r.error()).isInstanceOf(HatchetException.class).hasMessageContaining("parent 'first'");

    assertThatThrownBy(() -> MockRun.of(wf, second).parentOutput(other, new Count(2)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'other' is not a parent of task 'second'");
  }

  @Test
  void theTasksExceptionIsKeptAndOutputRethrowsIt() {
    Task<In, Out> flaky = hatchet.task("flaky", In.class, Out.class, (in, ctx) -> {
      if (ctx.retryCount() < 1) {
        throw new IllegalStateException("first attempt fails");
      }
      return new Out("ok", ctx.retryCount());
    }, o -> o.retries(1));

    MockResult<Out> first = MockRun.of(flaky).input(new In("x")).run();
    assertThat(first.succeeded()).isFalse();
    assertThat(first.error()).isInstanceOf(IllegalStateException.class).hasMessage("first attempt fails");
    assertThatThrownBy(first::output).isInstanceOf(AssertionError.class).hasCause(first.error());

    assertThat(MockRun.of(flaky).input(new In("x")).retryCount(1).run().output()).isEqualTo(new Out("ok", 1));
  }

  @Test
  void inputGoesThroughJsonAsTheDeclaredType() {
    Task<In, Out> t = hatchet.task("nullin", In.class, Out.class, (in, ctx) -> new Out(String.valueOf(in), 0));
    assertThat(MockRun.of(t).run().output().text()).isEqualTo("null");

    Task<In, Out> none = hatchet.task("none", In.class, Out.class, (in, ctx) -> null);
    MockResult<Out> r = MockRun.of(none).input(new In("x")).run();
    assertThat(r.succeeded()).isTrue();
    assertThat(r.output()).isNull();
    assertThat(r.outputJson()).isNull();
  }

  @Test
  void cancellingFromTheTestInterruptsTheTaskAndRunsItsCallbacks() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean callback = new AtomicBoolean();
    Task<In, Out> slow = hatchet.task("slow", In.class, Out.class, (in, ctx) -> {
      ctx.onCancel(() -> callback.set(true));
      started.countDown();
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        ctx.log("interrupted");
      }
      ctx.throwIfCancelled();
      return new Out("not cancelled", 0);
    });

    MockExecution<Out> running = MockRun.of(slow).input(new In("x")).start();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(running.isDone()).isFalse();
    assertThat(running.cancel()).isTrue();
    assertThat(running.cancel()).isFalse();
    MockResult<Out> r = running.await(Duration.ofSeconds(10));

    assertThat(r.cancelled()).isTrue();
    assertThat(callback).isTrue();
    assertThat(r.logMessages()).containsExactly("interrupted");
    assertThat(r.error()).isInstanceOf(TaskCancelledException.class).hasMessageContaining(r.context().taskRunId());
    assertThat(r.context().cancelRequests()).isEmpty();
  }

  @Test
  void cancelRequestsOfTheTaskAreRecorded() {
    Task<In, Out> self = hatchet.task("self", In.class, Out.class, (in, ctx) -> {
      ctx.refreshTimeout(Duration.ofSeconds(5));
      ctx.releaseSlot();
      ctx.upsertWorkerLabels(Map.of("zone", "b"));
      ctx.cancelTask();
      ctx.cancelRun();
      return new Out(ctx.isCancelled() + " " + ctx.workerLabels(), 0);
    });

    MockResult<Out> r = MockRun.of(self).workerLabels(Map.of("zone", "a")).run();

    assertThat(r.output().text()).isEqualTo("true {zone=b}");
    assertThat(r.cancelled()).isTrue();
    assertThat(r.context().cancelRequests()).containsExactly(MockContext.CancelRequest.TASK, MockContext.CancelRequest.RUN);
    assertThat(r.context().timeoutRefreshes()).containsExactly(Duration.ofSeconds(5));
    assertThat(r.context().slotReleased()).isTrue();
  }

  @Test
  void awaitGivesUpOnATaskThatDoesNotFinish() {
    CountDownLatch never = new CountDownLatch(1);
    Task<In, Out> stuck = hatchet.task("stuck", In.class, Out.class, (in, ctx) -> {
      while (!never.await(10, TimeUnit.MILLISECONDS)) {
        if (ctx.isCancelled()) {
          return null;
        }
      }
      return null;
    });
    MockExecution<Out> running = MockRun.of(stuck).start();
    assertThatThrownBy(() -> running.await(Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("'stuck' did not finish");
    running.cancel();
    // the task waits interruptibly: cancelling interrupts its thread
    assertThat(running.await().error()).isInstanceOf(InterruptedException.class);
  }

  @Test
  void onFailureTaskSeesTheErrorsAndAnInvalidLogLevelFails() {
    Workflow<In> wf = hatchet.workflow("failing", In.class);
    wf.task("step", Out.class, (in, ctx) -> {
      throw new IllegalStateException("boom");
    });
    TaskRef<Out> handler = wf.onFailure("handler", Out.class, (in, ctx) -> {
      ctx.log("trace", "not a level");
      return null;
    });
    TaskRef<Count> report = hatchet.workflow("failing2", In.class).onFailure("report", Count.class,
        (in, ctx) -> new Count(ctx.taskRunErrors().get("step").length()));

    assertThat(MockRun.of(wf, handler).run().error())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("log level");
    assertThatThrownBy(() -> MockRun.of(wf, report))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no task named 'report'");
  }

  @Test
  void onFailureTaskReadsTaskRunErrorsAndTriggers() {
    Workflow<In> wf = hatchet.workflow("errors", In.class);
    wf.task("step", Out.class, (in, ctx) -> null);
    TaskRef<Out> report = wf.onFailure("report", Out.class,
        (in, ctx) -> new Out(ctx.taskRunErrors() + " " + ctx.filterPayload().map(Object::toString).orElse("-")
            + " " + ctx.triggeringEventKey().orElse("-"), 0));

    MockResult<Out> r = MockRun.of(wf, report).taskRunErrors(Map.of("step", "boom"))
        .triggers(Map.of("filter_payload", Map.of("k", 1))).triggeringEventKey("user:created").run();

    assertThat(r.output().text()).isEqualTo("{step=boom} {\"k\":1} user:created");
  }

  @Test
  void durableTasksAreRefusedWithAReason() {
    Task<In, Out> durable = hatchet.durableTask("durable", In.class, Out.class, (in, ctx) -> new Out("d", 0));
    assertThatThrownBy(() -> MockRun.of(durable))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("'durable' is durable")
        .hasMessageContaining("@HatchetTest");
  }

  @Test
  void stubsCannotBeRun() {
    Task<In, Out> stub = hatchet.stubTask("elsewhere", In.class, Out.class);
    assertThatThrownBy(() -> MockRun.of(stub)).hasMessageContaining("stub");
  }

  @Test
  void metadataMapsAreMerged() {
    Task<In, Out> t = hatchet.task("meta", In.class, Out.class,
        (in, ctx) -> new Out(List.copyOf(ctx.additionalMetadata().keySet()).toString(), 0));
    MockResult<Out> r = MockRun.of(t).metadata("a", 1).additionalMetadata(Map.of("b", true)).run();
    assertThat(r.output().text()).isEqualTo("[a, b]");
    assertThat(r.context().additionalMetadata()).containsEntry("a", 1).containsEntry("b", true);
  }
}
