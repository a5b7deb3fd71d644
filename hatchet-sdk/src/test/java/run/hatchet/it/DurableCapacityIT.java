package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.EvictionPolicy;
import run.hatchet.definition.Task;
import run.hatchet.features.DurableEventLogEntry;
import run.hatchet.worker.DurableChild;
import run.hatchet.worker.Worker;

/** Capacity eviction, no-wait durable children and branching a durable task's history. */
class DurableCapacityIT {
  record Key(String id) {}

  record Val(int v) {}

  record Out(String how, int invocation) {}

  record Steps(int a, int b, int c) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Key, Out> waiter;
  static Task<Key, Out> quick;
  static Task<Val, Val> child;
  static Task<Key, Val> spawner;
  static Task<Key, Steps> steps;
  static final Map<String, AtomicInteger> computed = new ConcurrentHashMap<>();

  static int count(String id, String step) {
    return computed.computeIfAbsent(id + "/" + step, k -> new AtomicInteger()).incrementAndGet();
  }

  @BeforeAll
  static void start() {
    hatchet = Engine.client(DurableCapacityIT.class);
    waiter = hatchet.durableTask("capacity-waiter", Key.class, Out.class, (in, ctx) -> {
      Map<?, ?> p = ctx.waitForEvent("wake:" + in.id(), Map.class);
      return new Out(String.valueOf(p.get("how")), ctx.invocationCount());
    }, o -> o.eviction(EvictionPolicy.never()));
    quick = hatchet.durableTask("capacity-quick", Key.class, Out.class, (in, ctx) -> new Out("quick", ctx.invocationCount()));
    child = hatchet.task("nowait-child", Val.class, Val.class, (in, ctx) -> new Val(in.v() + 100));
    spawner = hatchet.durableTask("nowait-spawner", Key.class, Val.class, (in, ctx) -> {
      List<DurableChild<Val>> kids = ctx.spawnChildren(child, List.of(new Val(1), new Val(2), new Val(3)));
      int marker = ctx.memo("between", Integer.class, () -> 7);
      int sum = marker;
      for (DurableChild<Val> k : kids) {
        assertThat(k.runId()).isNotBlank();
        sum += k.result().v();
      }
      return new Val(sum);
    });
    steps = hatchet.durableTask("branchable", Key.class, Steps.class, (in, ctx) -> new Steps(
        ctx.memo("a", Integer.class, () -> count(in.id(), "a")),
        ctx.memo("b", Integer.class, () -> count(in.id(), "b")),
        ctx.memo("c", Integer.class, () -> count(in.id(), "c"))));
    worker = hatchet.worker("capacity").durableSlots(1).register(waiter, quick, child, spawner, steps).start();
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
  void aWaitingTaskGivesItsOnlyDurableSlotToQueuedWork() {
    RunRef<Out> waiting = waiter.runNoWait(new Key("w1"));
    Engine.awaitRun(hatchet, waiting.id(), d -> "RUNNING".equals(d.path("run").path("status").asText()), Duration.ofSeconds(60));
    RunRef<Out> queued = quick.runNoWait(new Key("q1"));
    // the waiter never times out, so only capacity eviction (after 10 s of waiting) can free the slot
    assertThat(queued.result(Duration.ofSeconds(90)).how()).isEqualTo("quick");
    hatchet.events().push("wake:w1", Map.of("how", "event"));
    Out out = waiting.result(Duration.ofSeconds(90));
    assertThat(out.how()).isEqualTo("event");
    assertThat(out.invocation()).isGreaterThan(1);
  }

  @Test
  void childrenSpawnedWithoutWaitingAreCollectedLater() {
    assertThat(spawner.run(new Key("s1")).v()).isEqualTo(7 + 101 + 102 + 103);
  }

  @Test
  void branchingFromANodeRedoesTheStepsFromThere() throws Exception {
    RunRef<Steps> ref = steps.runNoWait(new Key("b1"));
    assertThat(ref.result(Duration.ofSeconds(60))).isEqualTo(new Steps(1, 1, 1));
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    List<DurableEventLogEntry> log = hatchet.runs().durableEventLog(ref.id());
    assertThat(log).extracting(DurableEventLogEntry::kind).containsExactly("MEMO", "MEMO", "MEMO");
    DurableEventLogEntry second = log.get(1);
    hatchet.runs().branchDurableTask(ref.id(), second.nodeId(), second.branchId());
    Steps after = Engine.awaitRun(hatchet, ref.id(),
        d -> "COMPLETED".equals(d.path("run").path("status").asText())
            && d.path("tasks").get(0).path("output").path("b").asInt() == 2,
        Duration.ofSeconds(60)).path("tasks").get(0).path("output").traverse(new com.fasterxml.jackson.databind.ObjectMapper())
        .readValueAs(Steps.class);
    assertThat(after).isEqualTo(new Steps(1, 2, 2));
  }
}
