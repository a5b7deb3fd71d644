package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.EventOptions;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Condition;
import run.hatchet.definition.Task;
import run.hatchet.worker.DurableChild;
import run.hatchet.worker.Worker;

/** Durable tasks against the real engine: durable waits, memo, children, replay and determinism. */
class DurableIT {
  record Key(String id) {}

  record Approval(boolean ok, String by) {}

  record SleepThenEvent(long sleptMillis, Approval approval) {}

  record Which(String satisfied) {}

  record Val(int v) {}

  record Sums(List<Integer> values) {}

  record Memo(String value, String now, int invocation) {}

  record Spawned(String childRunId, int value) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Key, SleepThenEvent> sleepThenEvent;
  static Task<Key, Which> orWaiter;
  static Task<Key, Val> twoSleeps;
  static Task<Val, Val> child;
  static Task<Key, Sums> parent;
  static Task<Key, Spawned> offThread;
  static Task<Key, Memo> memoized;
  static Task<Key, Val> diverging;
  static Task<Key, Approval> lookback;
  static run.hatchet.definition.Workflow<Key> mixed;
  static run.hatchet.definition.TaskRef<Val> mixedFinish;
  static final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();
  static final Map<String, Long> firstSleepDone = new ConcurrentHashMap<>();
  static final AtomicInteger childRuns = new AtomicInteger();
  static final AtomicInteger expensiveCalls = new AtomicInteger();

  static CountDownLatch latch(String id) {
    return waiting.computeIfAbsent(id, k -> new CountDownLatch(1));
  }

  static void replay(String runId) {
    hatchet.core().rest().post("/api/v1/stable/tenants/" + hatchet.config().tenantId() + "/tasks/replay",
        Map.of("externalIds", List.of(runId)));
  }

  static void cancel(String runId) {
    hatchet.core().rest().post("/api/v1/stable/tenants/" + hatchet.config().tenantId() + "/tasks/cancel",
        Map.of("externalIds", List.of(runId)));
  }

  @BeforeAll
  static void start() {
    hatchet = Engine.client(DurableIT.class);
    sleepThenEvent = hatchet.durableTask("sleep-then-event", Key.class, SleepThenEvent.class, (in, ctx) -> {
      long t0 = System.currentTimeMillis();
      ctx.sleepFor(Duration.ofSeconds(5));
      long slept = System.currentTimeMillis() - t0;
      latch(in.id()).countDown();
      Approval a = ctx.waitForEvent("approval:" + in.id(), Approval.class);
      return new SleepThenEvent(slept, a);
    });
    orWaiter = hatchet.durableTask("or-waiter", Key.class, Which.class, (in, ctx) -> {
      Duration sleep = in.id().startsWith("fast") ? Duration.ofSeconds(3) : Duration.ofMinutes(5);
      latch(in.id()).countDown();
      JsonNode r = ctx.waitFor(Condition.or(Condition.sleep(sleep), Condition.userEvent("go:" + in.id())));
      return new Which(r.fieldNames().next());
    });
    twoSleeps = hatchet.durableTask("two-sleeps", Key.class, Val.class, (in, ctx) -> {
      ctx.sleepFor(Duration.ofSeconds(4));
      firstSleepDone.putIfAbsent(in.id(), System.currentTimeMillis());
      ctx.sleepFor(Duration.ofSeconds(6));
      return new Val(ctx.invocationCount());
    }, o -> o.executionTimeout(Duration.ofMinutes(2)));
    child = hatchet.task("durable-child", Val.class, Val.class, (in, ctx) -> {
      childRuns.incrementAndGet();
      return new Val(in.v() * 10);
    });
    parent = hatchet.durableTask("durable-parent", Key.class, Sums.class, (in, ctx) -> {
      List<Integer> values = new ArrayList<>();
      values.add(ctx.runChild(child, new Val(1)).v());
      List<Val> inputs = new ArrayList<>();
      for (int i = 2; i <= 11; i++) {
        inputs.add(new Val(i));
      }
      for (Val v : ctx.runChildren(child, inputs)) {
        values.add(v.v());
      }
      return new Sums(values);
    });
    offThread = hatchet.durableTask("off-thread-parent", Key.class, Spawned.class, (in, ctx) -> {
      // spawned from a thread that is not the task's: the context names the parent, not the thread (a child
      // key is only valid for a child)
      DurableChild<Val> c = CompletableFuture.supplyAsync(() -> ctx.spawnChild(child, new Val(7), RunOptions.create().childKey("off-thread")))
          .get(30, TimeUnit.SECONDS);
      return new Spawned(c.runId(), c.result().v());
    });
    memoized = hatchet.durableTask("memoized", Key.class, Memo.class, (in, ctx) -> {
      String value = ctx.memo("expensive", String.class, () -> {
        expensiveCalls.incrementAndGet();
        try {
          Thread.sleep(2_000);
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return "computed-" + System.nanoTime();
      });
      return new Memo(value, ctx.now().toString(), ctx.invocationCount());
    });
    diverging = hatchet.durableTask("diverging", Key.class, Val.class, (in, ctx) -> {
      if (ctx.invocationCount() == 1) {
        ctx.sleepFor(Duration.ofSeconds(1));
      } else {
        ctx.waitForEvent("something-else", Map.class);
      }
      return new Val(ctx.invocationCount());
    });
    lookback = hatchet.durableTask("lookback", Key.class, Approval.class, (in, ctx) -> {
      latch(in.id()).await(30, TimeUnit.SECONDS);
      return ctx.waitForEvent("late:" + in.id(), null, "scope-" + in.id(), Duration.ofSeconds(30), Approval.class);
    });
    mixed = hatchet.workflow("mixed-dag", Key.class);
    run.hatchet.definition.TaskRef<Val> prepare = mixed.task("prepare", Val.class, (in, ctx) -> new Val(5));
    run.hatchet.definition.TaskRef<Val> pause = mixed.durableTask("pause", Val.class, (in, ctx) -> {
      ctx.sleepFor(Duration.ofSeconds(2));
      return new Val(ctx.parentOutput(prepare).v() * 2);
    }, o -> o.parents(prepare));
    mixedFinish = mixed.task("finish", Val.class, (in, ctx) -> new Val(ctx.parentOutput(pause).v() + 1), o -> o.parents(pause));
    worker = hatchet.worker("durable").slots(20).durableSlots(20)
        .register(sleepThenEvent, orWaiter, twoSleeps, child, parent, offThread, memoized, diverging, lookback, mixed)
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
  void aDurableTaskInsideADagBetweenRegularTasks() {
    RunRef<run.hatchet.client.WorkflowResult> ref = mixed.runNoWait(new Key("m"));
    assertThat(ref.result(Duration.ofSeconds(60)).output(mixedFinish).v()).isEqualTo(11);
    JsonNode done = Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    assertThat(done.path("tasks")).hasSize(3);
  }

  @Test
  void sleepThenWaitForAnEvent() throws Exception {
    RunRef<SleepThenEvent> ref = sleepThenEvent.runNoWait(new Key("a1"));
    assertThat(latch("a1").await(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(1_000);
    hatchet.events().push("approval:a1", new Approval(true, "ops"));
    SleepThenEvent r = ref.result(Duration.ofSeconds(60));
    assertThat(r.sleptMillis()).isGreaterThanOrEqualTo(5_000);
    assertThat(r.approval()).isEqualTo(new Approval(true, "ops"));
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
  }

  @Test
  void orGroupsResolveThroughWhicheverConditionHappensFirst() throws Exception {
    RunRef<Which> bySleep = orWaiter.runNoWait(new Key("fast-1"));
    RunRef<Which> byEvent = orWaiter.runNoWait(new Key("slow-1"));
    assertThat(latch("slow-1").await(60, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(1_500);
    hatchet.events().push("go:slow-1", Map.of("now", true));
    assertThat(bySleep.result(Duration.ofSeconds(60)).satisfied()).startsWith("sleep:");
    assertThat(byEvent.result(Duration.ofSeconds(60)).satisfied()).isEqualTo("go:slow-1");
  }

  @Test
  void replayAfterCancelDoesNotRedoACompletedSleep() {
    RunRef<Val> ref = twoSleeps.runNoWait(new Key("r1"));
    long end = System.currentTimeMillis() + 60_000;
    while (!firstSleepDone.containsKey("r1") && System.currentTimeMillis() < end) {
      Engine.sleep(100);
    }
    assertThat(firstSleepDone).containsKey("r1");
    Engine.sleep(500);
    cancel(ref.id());
    Engine.awaitStatus(hatchet, ref.id(), "CANCELLED");
    long replayAt = System.currentTimeMillis();
    replay(ref.id());
    JsonNode done = Engine.awaitRun(hatchet, ref.id(), d -> "COMPLETED".equals(d.path("run").path("status").asText()),
        Duration.ofSeconds(60));
    long took = System.currentTimeMillis() - replayAt;
    // a replay that redid the first sleep would need at least 4 s + 6 s
    assertThat(took).isLessThan(6_000 + 1_000 + 1_500);
    assertThat(done.path("tasks").get(0).path("output").path("v").asInt()).isGreaterThan(1);
  }

  @Test
  void durableChildrenReturnOutputsInOrderAndAreNotRespawnedOnReplay() {
    RunRef<Sums> ref = parent.runNoWait(new Key("p1"));
    Sums s = ref.result(Duration.ofSeconds(90));
    assertThat(s.values()).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110);
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    int before = childRuns.get();
    replay(ref.id());
    JsonNode done = Engine.awaitRun(hatchet, ref.id(),
        d -> "COMPLETED".equals(d.path("run").path("status").asText()) && d.path("tasks").get(0).path("retryCount").asInt() >= 0
            && !d.path("tasks").get(0).path("output").isMissingNode(),
        Duration.ofSeconds(60));
    Engine.sleep(3_000);
    assertThat(childRuns.get()).isEqualTo(before);
    assertThat(done.path("tasks").get(0).path("output").path("values")).hasSize(11);
  }

  @Test
  void aChildSpawnedFromAnotherThreadIsStillTheDurableTasksChild() {
    RunRef<Spawned> ref = offThread.runNoWait(new Key("o1"), RunOptions.create().metadata("origin", "durable-it"));
    Spawned s = ref.result(Duration.ofSeconds(60));
    assertThat(s.value()).isEqualTo(70);
    String parentTask = Engine.awaitStatus(hatchet, ref.id(), "COMPLETED").path("tasks").get(0).path("taskExternalId").asText();
    JsonNode childRun = Engine.runDetails(hatchet, s.childRunId());
    assertThat(childRun.path("tasks").get(0).path("parentTaskExternalId").asText()).isNotEmpty().isEqualTo(parentTask);
    // a child inherits its parent's metadata, which only the parent's context can supply
    assertThat(childRun.path("run").path("additionalMetadata").path("origin").asText()).as(childRun.toString()).isEqualTo("durable-it");
  }

  @Test
  void memoisedValuesAndNowAreIdenticalOnReplay() {
    expensiveCalls.set(0);
    long t0 = System.currentTimeMillis();
    RunRef<Memo> ref = memoized.runNoWait(new Key("m1"));
    Memo first = ref.result(Duration.ofSeconds(60));
    assertThat(System.currentTimeMillis() - t0).isGreaterThanOrEqualTo(2_000);
    assertThat(expensiveCalls.get()).isEqualTo(1);
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    replay(ref.id());
    JsonNode done = Engine.awaitRun(hatchet, ref.id(), d -> "COMPLETED".equals(d.path("run").path("status").asText())
        && d.path("tasks").get(0).path("output").path("invocation").asInt() > first.invocation(), Duration.ofSeconds(60));
    JsonNode out = done.path("tasks").get(0).path("output");
    assertThat(out.path("value").asText()).isEqualTo(first.value());
    assertThat(out.path("now").asText()).isEqualTo(first.now());
    assertThat(expensiveCalls.get()).isEqualTo(1);
  }

  @Test
  void aDifferentCodePathOnReplayRaisesNonDeterminism() {
    RunRef<Val> ref = diverging.runNoWait(new Key("d1"));
    assertThat(ref.result(Duration.ofSeconds(60)).v()).isEqualTo(1);
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    replay(ref.id());
    JsonNode failed = Engine.awaitStatus(hatchet, ref.id(), "FAILED");
    assertThat(failed.toString()).containsIgnoringCase("non-determinism");
    assertThatThrownBy(() -> diverging.attach(ref.id()).result(Duration.ofSeconds(30))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("node");
  }

  @Test
  void anEventPushedShortlyBeforeAScopedWaitWithLookbackCompletesItAtOnce() throws Exception {
    RunRef<Approval> ref = lookback.runNoWait(new Key("l1"));
    Engine.sleep(1_000);
    hatchet.events().push("late:l1", new Approval(true, "early-bird"), EventOptions.create().scope("scope-l1"));
    Engine.sleep(1_000);
    long released = System.currentTimeMillis();
    latch("l1").countDown();
    assertThat(ref.result(Duration.ofSeconds(60)).by()).isEqualTo("early-bird");
    assertThat(System.currentTimeMillis() - released).isLessThan(10_000);
  }
}
