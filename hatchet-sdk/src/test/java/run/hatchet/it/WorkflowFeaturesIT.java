package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkIdempotencyCollisionException;
import run.hatchet.client.BulkRun;
import run.hatchet.client.EventOptions;
import run.hatchet.client.IdempotencyCollisionException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Condition;
import run.hatchet.definition.RateLimit;
import run.hatchet.definition.RateLimitDuration;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.internal.proto.PutRateLimitRequest;
import run.hatchet.worker.Worker;

/** Rate limits, schedules, on-failure/on-success, conditions, idempotency, child keys and filters. */
class WorkflowFeaturesIT {
  record In(String user, int n) {}

  record Val(int v) {}

  record Seen(String id) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<In, Val> staticLimited;
  static Task<In, Val> perUser;
  static Task<In, Val> scheduled;
  static Workflow<In> failing;
  static Workflow<In> succeeding;
  static Workflow<In> conditional;
  static TaskRef<Val> skipped;
  static Workflow<In> waiting;
  static Workflow<In> cancelled;
  static Task<In, Val> idempotent;
  static Task<In, Seen> spawner;
  static Task<In, Val> keyedChild;
  static Task<In, Val> filtered;
  static final Map<String, List<Long>> starts = new ConcurrentHashMap<>();
  static final Map<String, Object> seen = new ConcurrentHashMap<>();
  static final List<String> filteredSeen = new CopyOnWriteArrayList<>();

  static Val record(String bucket, In in) {
    starts.computeIfAbsent(bucket, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
    return new Val(in.n());
  }

  @BeforeAll
  static void start() {
    hatchet = Engine.client(WorkflowFeaturesIT.class);
    String staticKey = hatchet.config().namespace() + "static-limit";
    hatchet.core().transport().unary("WorkflowService.PutRateLimit", hatchet.core().transport().workflows(),
        s -> s.putRateLimit(PutRateLimitRequest.newBuilder().setKey(staticKey).setLimit(2)
            .setDuration(run.hatchet.internal.proto.RateLimitDuration.SECOND).build()));
    staticLimited = hatchet.task("static-limited", In.class, Val.class, (in, ctx) -> record("static", in),
        o -> o.rateLimits(RateLimit.of(staticKey, 1)));
    perUser = hatchet.task("per-user", In.class, Val.class, (in, ctx) -> record("user-" + in.user(), in),
        o -> o.rateLimits(RateLimit.dynamic("input.user", 1, 1, RateLimitDuration.SECOND)));
    scheduled = hatchet.task("scheduled", In.class, Val.class, (in, ctx) -> record("scheduled", in));

    failing = hatchet.workflow("with-on-failure", In.class);
    failing.task("explodes", Val.class, (in, ctx) -> {
      throw new IllegalStateException("kaboom " + in.n());
    });
    failing.onFailure("report-failure", Val.class, (in, ctx) -> {
      seen.put("on-failure:" + in.n(), ctx.taskRunErrors());
      return new Val(in.n());
    });
    succeeding = hatchet.workflow("with-on-success", In.class);
    TaskRef<Val> a = succeeding.task("a", Val.class, (in, ctx) -> new Val(1));
    succeeding.task("b", Val.class, (in, ctx) -> new Val(ctx.parentOutput(a).v() + 1), o -> o.parents(a));
    succeeding.onSuccess("celebrate", Val.class, (in, ctx) -> {
      seen.put("on-success:" + in.n(), true);
      return new Val(99);
    });

    conditional = hatchet.workflow("conditional", In.class);
    TaskRef<Val> parent = conditional.task("parent", Val.class, (in, ctx) -> new Val(in.n()));
    skipped = conditional.task("skipped-when-positive", Val.class, (in, ctx) -> new Val(-1),
        o -> o.parents(parent).skipIf(Condition.parentOutput(parent, "output.v > 0")));

    // conditions are evaluated once a task's parents are done, so conditional tasks hang off a first task
    waiting = hatchet.workflow("waits-for-event", In.class);
    TaskRef<Val> begin = waiting.task("begin", Val.class, (in, ctx) -> new Val(in.n()));
    waiting.task("approved", Val.class, (in, ctx) -> new Val(ctx.parentOutput(begin).v()),
        o -> o.parents(begin).waitFor(Condition.userEvent("approval:granted")));

    cancelled = hatchet.workflow("cancelled-by-condition", In.class);
    TaskRef<Val> gate = cancelled.task("gate", Val.class, (in, ctx) -> new Val(in.n()));
    cancelled.task("never", Val.class, (in, ctx) -> new Val(in.n()),
        o -> o.parents(gate).waitFor(Condition.sleep(Duration.ofSeconds(30))).cancelIf(Condition.userEvent("abort:now")));

    idempotent = hatchet.task("idempotent", In.class, Val.class, (in, ctx) -> {
      Thread.sleep(2_000);
      return new Val(in.n());
    }, null, w -> w.idempotency("additional_metadata.request_id", Duration.ofMinutes(5)));

    keyedChild = hatchet.task("keyed-child", In.class, Val.class, (in, ctx) -> new Val(in.n()));
    spawner = hatchet.task("spawner", In.class, Seen.class, (in, ctx) -> {
      RunRef<Val> first = keyedChild.runNoWait(new In("x", 1), RunOptions.create().childKey("only-once"));
      RunRef<Val> second = keyedChild.runNoWait(new In("x", 1), RunOptions.create().childKey("only-once"));
      return new Seen(first.id().equals(second.id()) ? first.id() : "different");
    });

    filtered = hatchet.task("filtered", In.class, Val.class, (in, ctx) -> {
      filteredSeen.add(in.user());
      return new Val(in.n());
    }, null, w -> w.onEvents("signup").defaultFilter("input.user == 'vip'", "tenant-a", Map.of("tier", "gold")));

    worker = hatchet.worker("features").slots(20)
        .register(staticLimited, perUser, scheduled, failing, succeeding, conditional, waiting, cancelled, idempotent,
            spawner, keyedChild, filtered)
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

  static long spread(List<Long> times) {
    return times.stream().mapToLong(Long::longValue).max().orElse(0) - times.stream().mapToLong(Long::longValue).min().orElse(0);
  }

  @Test
  void staticRateLimitThrottlesRuns() {
    List<In> inputs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      inputs.add(new In("a", i));
    }
    assertThat(staticLimited.runMany(inputs)).hasSize(8);
    // 8 runs at 2 per second cannot start within less than ~3 seconds
    assertThat(spread(starts.get("static"))).isGreaterThanOrEqualTo(2_500);
  }

  @Test
  void dynamicRateLimitIsPerUser() {
    List<In> inputs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      inputs.add(new In("ann", i));
      inputs.add(new In("bob", i));
    }
    assertThat(perUser.runMany(inputs)).hasSize(8);
    List<Long> ann = starts.get("user-ann");
    List<Long> bob = starts.get("user-bob");
    assertThat(spread(ann)).isGreaterThanOrEqualTo(2_000);
    assertThat(spread(bob)).isGreaterThanOrEqualTo(2_000);
    // the users do not wait for each other: their runs interleave
    assertThat(bob.get(0)).isLessThan(ann.get(ann.size() - 1));
  }

  @Test
  void scheduledRunStartsNoEarlierThanItsTime() {
    Instant at = Instant.now().plusSeconds(5);
    String scheduledId = scheduled.schedule(at, new In("s", 1));
    assertThat(scheduledId).isNotBlank();
    long end = System.currentTimeMillis() + 60_000;
    while (!starts.containsKey("scheduled") && System.currentTimeMillis() < end) {
      Engine.sleep(200);
    }
    assertThat(starts.get("scheduled")).hasSize(1);
    assertThat(starts.get("scheduled").get(0)).isGreaterThanOrEqualTo(at.toEpochMilli());
  }

  @Test
  void onFailureRunsAfterAFailureAndSeesTheError() {
    RunRef<WorkflowResult> ref = failing.runNoWait(new In("f", 7));
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("kaboom 7");
    long end = System.currentTimeMillis() + 60_000;
    while (!seen.containsKey("on-failure:7") && System.currentTimeMillis() < end) {
      Engine.sleep(200);
    }
    @SuppressWarnings("unchecked")
    Map<String, String> errors = (Map<String, String>) seen.get("on-failure:7");
    assertThat(errors).containsKey("explodes");
    assertThat(errors.get("explodes")).contains("kaboom 7");
  }

  @Test
  void onSuccessRunsAfterEveryTaskSucceeded() {
    WorkflowResult r = succeeding.run(new In("s", 8));
    assertThat(r.output("b", Val.class).v()).isEqualTo(2);
    assertThat(r.output("celebrate", Val.class).v()).isEqualTo(99);
    assertThat(seen).containsKey("on-success:8");
  }

  @Test
  void skipIfOnParentOutputSkipsTheTask() {
    WorkflowResult positive = conditional.run(new In("c", 5));
    assertThat(positive.outputJson(skipped.name())).contains("\"skipped\":true");
    WorkflowResult negative = conditional.run(new In("c", -5));
    assertThat(negative.output(skipped).v()).isEqualTo(-1);
  }

  @Test
  void waitForUserEventQueuesTheTaskUntilTheEventArrives() {
    RunRef<WorkflowResult> ref = waiting.runNoWait(new In("w", 3));
    Engine.sleep(3_000);
    assertThat(ref.resultAsync()).isNotDone();
    hatchet.events().push("approval:granted", Map.of("ok", true));
    assertThat(ref.result(Duration.ofSeconds(60)).output("approved", Val.class).v()).isEqualTo(3);
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
  }

  @Test
  void cancelIfCancelsTheRun() {
    RunRef<WorkflowResult> ref = cancelled.runNoWait(new In("x", 1));
    Engine.sleep(2_000);
    hatchet.events().push("abort:now", Map.of());
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class);
    Engine.awaitStatus(hatchet, ref.id(), "CANCELLED");
  }

  @Test
  void secondTriggerWithTheSameIdempotencyKeyIsRefusedWithTheFirstRunId() {
    RunRef<Val> first = idempotent.runNoWait(new In("i", 1), RunOptions.create().metadata("request_id", "req-42"));
    assertThatThrownBy(() -> idempotent.runNoWait(new In("i", 2), RunOptions.create().metadata("request_id", "req-42")))
        .isInstanceOf(IdempotencyCollisionException.class)
        .satisfies(e -> assertThat(((IdempotencyCollisionException) e).existingRunId()).isEqualTo(first.id()));
    assertThat(idempotent.run(new In("i", 3), RunOptions.create().metadata("request_id", "req-43")).v()).isEqualTo(3);
    assertThat(first.result(Duration.ofSeconds(60)).v()).isEqualTo(1);
  }

  @Test
  void bulkTriggersReportIdempotencyCollisionsAndCreateTheOthers() {
    RunRef<Val> holder = idempotent.runNoWait(new In("b", 1), RunOptions.create().metadata("request_id", "bulk-held"));
    List<BulkRun<In>> items = List.of(
        BulkRun.of(new In("b", 2), RunOptions.create().metadata("request_id", "bulk-held")),
        BulkRun.of(new In("b", 3), RunOptions.create().metadata("request_id", "bulk-new")));
    assertThatThrownBy(() -> idempotent.runManyNoWait(items))
        .isInstanceOf(BulkIdempotencyCollisionException.class)
        .satisfies(e -> {
          BulkIdempotencyCollisionException b = (BulkIdempotencyCollisionException) e;
          assertThat(b.existingRunIds().values()).containsExactly(holder.id());
          assertThat(b.createdRunIds()).hasSize(1);
          assertThat(idempotent.attach(b.createdRunIds().get(0)).result(Duration.ofSeconds(60)).v()).isEqualTo(3);
        });
  }

  @Test
  void theSameChildKeyTwiceYieldsOneChild() {
    Seen s = spawner.run(new In("p", 0));
    assertThat(s.id()).isNotEqualTo("different");
    Engine.awaitStatus(hatchet, s.id(), "COMPLETED");
  }

  @Test
  void aScopedFilterLetsOnlyMatchingEventsTrigger() {
    hatchet.events().push("signup", new In("vip", 1), EventOptions.create().scope("tenant-a"));
    hatchet.events().push("signup", new In("regular", 2), EventOptions.create().scope("tenant-a"));
    hatchet.events().push("signup", new In("vip", 3));
    long end = System.currentTimeMillis() + 30_000;
    while (filteredSeen.isEmpty() && System.currentTimeMillis() < end) {
      Engine.sleep(200);
    }
    Engine.sleep(3_000);
    assertThat(filteredSeen).containsExactly("vip");
  }

}
