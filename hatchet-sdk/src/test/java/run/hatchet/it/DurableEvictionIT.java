package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.EvictionPolicy;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/** Durable tasks that only wait give their slot back after a TTL and come back when restored. */
class DurableEvictionIT {
  record Key(String id) {}

  record Out(String how, int invocation) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Key, Out> waitsForEvent;
  static Task<Key, Out> sleeps;

  @BeforeAll
  static void start() {
    hatchet = Engine.client(DurableEvictionIT.class);
    waitsForEvent = hatchet.durableTask("evictable-event", Key.class, Out.class, (in, ctx) -> {
      Map<?, ?> payload = ctx.waitForEvent("resume:" + in.id(), Map.class);
      return new Out(String.valueOf(payload.get("how")), ctx.invocationCount());
    }, o -> o.eviction(EvictionPolicy.afterWaiting(Duration.ofSeconds(2))));
    sleeps = hatchet.durableTask("evictable-sleep", Key.class, Out.class, (in, ctx) -> {
      ctx.sleepFor(Duration.ofSeconds(8));
      return new Out("slept", ctx.invocationCount());
    }, o -> o.eviction(EvictionPolicy.afterWaiting(Duration.ofSeconds(2))));
    worker = hatchet.worker("evicting").durableSlots(5).register(waitsForEvent, sleeps).start();
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

  static JsonNode awaitEvicted(String runId) {
    return Engine.awaitRun(hatchet, runId, d -> d.path("tasks").size() > 0 && d.path("tasks").get(0).path("isEvicted").asBoolean(),
        Duration.ofSeconds(60));
  }

  @Test
  void anEvictedTaskIsRestoredByItsEventAndCompletes() {
    RunRef<Out> ref = waitsForEvent.runNoWait(new Key("e1"));
    awaitEvicted(ref.id());
    assertThat(worker.runningTasks()).isZero();
    hatchet.events().push("resume:e1", Map.of("how", "event"));
    Out out = ref.result(Duration.ofSeconds(60));
    assertThat(out.how()).isEqualTo("event");
    assertThat(out.invocation()).isGreaterThan(1);
  }

  @Test
  void aManuallyRestoredTaskRunsAgainAndCompletes() {
    RunRef<Out> ref = sleeps.runNoWait(new Key("s1"));
    JsonNode evicted = awaitEvicted(ref.id());
    String taskId = evicted.path("tasks").get(0).path("taskExternalId").asText();
    hatchet.core().rest().post("/api/v1/stable/tasks/" + taskId + "/restore", Map.of());
    Out out = ref.result(Duration.ofSeconds(60));
    assertThat(out.how()).isEqualTo("slept");
    assertThat(out.invocation()).isGreaterThan(1);
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
  }

  @Test
  void cancellingAnEvictedRunCancelsIt() {
    RunRef<Out> ref = waitsForEvent.runNoWait(new Key("c1"));
    awaitEvicted(ref.id());
    hatchet.core().rest().post("/api/v1/stable/tenants/" + hatchet.config().tenantId() + "/tasks/cancel",
        Map.of("externalIds", List.of(ref.id())));
    Engine.awaitStatus(hatchet, ref.id(), "CANCELLED");
  }
}
