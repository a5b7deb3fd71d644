package run.hatchet.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.ClientConfigTest;
import run.hatchet.internal.registration.Durations;
import run.hatchet.internal.registration.ProtoMapping;
import run.hatchet.internal.proto.v1.CreateWorkflowVersionRequest;

/** Definitions are checked before anything reaches the engine (no engine needed here). */
class DefinitionValidationTest {
  record In(String v) {}

  record Out(String v) {}

  static Hatchet hatchet;

  @BeforeAll
  static void client() {
    hatchet = Hatchet.builder().config(ClientConfig.builder()
        .environment(Map.of("HATCHET_CLIENT_TOKEN", ClientConfigTest.TOKEN, "HATCHET_CLIENT_TLS_STRATEGY", "none"))
        .namespace("Ns").build()).build();
  }

  @AfterAll
  static void close() {
    hatchet.close();
  }

  @Test
  void unknownParentIsNamed() {
    Workflow<In> a = hatchet.workflow("a", In.class);
    TaskRef<Out> foreign = a.task("x", Out.class, (in, ctx) -> new Out("x"));
    Workflow<In> b = hatchet.workflow("b", In.class);
    assertThatThrownBy(() -> b.task("y", Out.class, (in, ctx) -> new Out("y"), o -> o.parents(foreign)))
        .isInstanceOf(InvalidDefinitionException.class)
        .hasMessageContaining("parent 'x'").hasMessageContaining("'y'");
  }

  @Test
  void conditionsOnARootTaskAreRejected() {
    Workflow<In> w = hatchet.workflow("conds", In.class);
    assertThatThrownBy(() -> w.task("root", Out.class, (in, ctx) -> null, o -> o.waitFor(Condition.userEvent("go"))))
        .isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("task 'root'").hasMessageContaining("no parents");
    TaskRef<Out> first = w.task("first", Out.class, (in, ctx) -> null);
    w.task("second", Out.class, (in, ctx) -> null, o -> o.parents(first).waitFor(Condition.userEvent("go")));
  }

  @Test
  void duplicateAndBadNamesAreRejected() {
    Workflow<In> w = hatchet.workflow("dups", In.class);
    w.task("t", Out.class, (in, ctx) -> null);
    assertThatThrownBy(() -> w.task("t", Out.class, (in, ctx) -> null)).hasMessageContaining("already has a task named 't'");
    assertThatThrownBy(() -> hatchet.workflow("has space", In.class)).hasMessageContaining("'has space' is invalid");
    assertThatThrownBy(() -> hatchet.workflow("empty", In.class).spec()).hasMessageContaining("has no tasks");
  }

  @Test
  void badDurationsAndCronsAreRejected() {
    assertThatThrownBy(() -> hatchet.task("neg", In.class, Out.class, (in, ctx) -> null,
        o -> o.executionTimeout(Duration.ofSeconds(-1)))).hasMessageContaining("execution timeout must be positive");
    assertThatThrownBy(() -> hatchet.task("cron", In.class, Out.class, (in, ctx) -> null, null,
        w -> w.onCrons("61 * * * *")).spec()).hasMessageContaining("invalid cron expression '61 * * * *'");
    assertThatThrownBy(() -> hatchet.task("cron2", In.class, Out.class, (in, ctx) -> null, null,
        w -> w.onCrons("* * *")).spec()).hasMessageContaining("expected 5 fields");
    hatchet.task("cron3", In.class, Out.class, (in, ctx) -> null, null, w -> w.onCrons("*/5 * * * *", "0 0 * * * *", "@daily")).spec();
    assertThatThrownBy(() -> hatchet.task("prio", In.class, Out.class, (in, ctx) -> null, null,
        w -> w.defaultPriority(4)).spec()).hasMessageContaining("default priority must be 1, 2 or 3");
  }

  @Test
  void registrationUsesLowerCaseNamespacedActionsAndEngineDurations() {
    Workflow<In> w = hatchet.workflow("Order-Flow", In.class, o -> o.onEvents("order:created"));
    TaskRef<Out> charge = w.task("Charge", Out.class, (in, ctx) -> null,
        o -> o.executionTimeout(Duration.ofMinutes(2)).retries(3).rateLimits(RateLimit.of("payments", 1)));
    w.task("ship", Out.class, (in, ctx) -> null, o -> o.parents(charge).scheduleTimeout(Duration.ofSeconds(90)));
    CreateWorkflowVersionRequest req = ProtoMapping.workflow(hatchet.config(), w.spec());
    assertThat(req.getName()).isEqualTo("ns_Order-Flow");
    assertThat(req.getEventTriggersList()).containsExactly("ns_order:created");
    assertThat(req.getTasks(0).getAction()).isEqualTo("ns_order-flow:charge");
    assertThat(req.getTasks(0).getTimeout()).isEqualTo("2m");
    assertThat(req.getTasks(0).getRateLimits(0).getLimitValuesExpr()).isEqualTo("-1");
    assertThat(req.getTasks(1).getParentsList()).containsExactly("Charge");
    assertThat(req.getTasks(1).getScheduleTimeout()).isEqualTo("90s");
    assertThat(req.getTasks(1).getSlotRequestsMap()).containsEntry("default", 1);
  }

  @Test
  void durationsUseTheLargestWholeUnit() {
    assertThat(Durations.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(Durations.format(Duration.ofSeconds(61))).isEqualTo("61s");
    assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
  }
}
