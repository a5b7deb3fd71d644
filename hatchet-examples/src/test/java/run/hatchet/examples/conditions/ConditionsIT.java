package run.hatchet.examples.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import run.hatchet.Hatchet;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

/** Each scenario waits on sleeps of its own; they run concurrently (those sharing an event key do not). */
@Execution(ExecutionMode.CONCURRENT)
class ConditionsIT {
  static final String SKIPPED = "{\"skipped\":true}";

  static Hatchet hatchet;
  static Worker worker;
  static ConditionsExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ConditionsIT.class);
    example = new ConditionsExample(hatchet);
    worker = hatchet.worker("dag-worker").register(example.taskConditionWorkflow, example.cancelIfWorkflow,
        example.skipIfSleepWorkflow, example.skipIfOrWorkflow, example.cancelIfEventWorkflow, example.cancelIfSleepWorkflow,
        example.cancelIfOrWorkflow, example.waitForEventOnlyWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  static void awaitRunning(String runId) {
    EngineSupport.awaitRun(hatchet, runId, d -> "RUNNING".equals(d.path("run").path("status").asText()), Duration.ofSeconds(60));
  }

  /** Pushes an event twice: an event that arrives before the engine registered the wait is dropped. */
  static void pushTwice(String key, long pauseMillis) {
    for (int i = 0; i < 2; i++) {
      hatchet.events().push(key, Map.of());
      EngineSupport.sleep(pauseMillis);
    }
  }

  static void assertCancelled(Workflow<EmptyModel> workflow) {
    RunRef<WorkflowResult> ref = workflow.runNoWait(new EmptyModel());
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .satisfies(e -> assertThat(((RunFailedException) e).isCancelled()).isTrue());
    assertThat(EngineSupport.awaitStatus(hatchet, ref.id(), "CANCELLED").path("run").path("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void sleepsEventsSkipsAndBranchesAddUp() {
    RunRef<WorkflowResult> ref = example.taskConditionWorkflow.runNoWait(new EmptyModel());
    // skip_on_event's event condition and its 30 s sleep start when start completes
    EngineSupport.awaitRun(hatchet, ref.id(), d -> {
      for (JsonNode t : d.path("tasks")) {
        if (t.path("displayName").asText().startsWith("start-") && t.path("status").asText().equals("COMPLETED")) {
          return true;
        }
      }
      return false;
    }, Duration.ofSeconds(60));
    for (int i = 0; i < 2; i++) {
      hatchet.events().push("skip_on_event:skip", Map.of());
      hatchet.events().push("wait_for_event:start", Map.of());
      EngineSupport.sleep(2_000);
    }

    WorkflowResult r = ref.result(Duration.ofSeconds(90));
    assertThat(r.outputJson("skip_on_event")).isEqualTo(SKIPPED);
    assertThat(r.outputJson("skip_with_multiple_parents")).isEqualTo(SKIPPED);
    boolean leftSkipped = r.outputJson("left_branch").equals(SKIPPED);
    boolean rightSkipped = r.outputJson("right_branch").equals(SKIPPED);
    assertThat(leftSkipped ^ rightSkipped).as("exactly one branch is skipped").isTrue();
    int branch = r.output(leftSkipped ? example.rightBranch : example.leftBranch).randomNumber();
    assertThat(r.output(example.sum).sum()).isEqualTo(r.output(example.start).randomNumber()
        + r.output(example.waitForEvent).randomNumber() + r.output(example.waitForSleep).randomNumber() + branch);
  }

  @Test
  void cancelIfOnAParentsOutputCancelsTheRun() {
    assertCancelled(example.cancelIfWorkflow);
  }

  @Test
  @ResourceLock("skip_if_sleep:proceed")
  void skipIfSleepSkipsWhenTheSleepEndsFirst() {
    WorkflowResult r = example.skipIfSleepWorkflow.runNoWait(new EmptyModel()).result(Duration.ofSeconds(60));
    assertThat(r.outputJson(example.sisTarget.name())).isEqualTo(SKIPPED);
  }

  @Test
  @ResourceLock("skip_if_sleep:proceed")
  void skipIfSleepRunsWhenTheEventArrivesFirst() {
    RunRef<WorkflowResult> ref = example.skipIfSleepWorkflow.runNoWait(new EmptyModel());
    awaitRunning(ref.id());
    pushTwice("skip_if_sleep:proceed", 2_000);
    WorkflowResult r = ref.result(Duration.ofSeconds(60));
    assertThat(r.output(example.sisTarget).randomNumber()).isEqualTo(2);
  }

  @Test
  void skipIfWithAnOrGroupSkipsWhenEitherHolds() {
    WorkflowResult r = example.skipIfOrWorkflow.run(new EmptyModel());
    assertThat(r.outputJson(example.sioTarget.name())).isEqualTo(SKIPPED);
  }

  @Test
  void cancelIfOnAnEventCancelsTheRun() {
    RunRef<WorkflowResult> ref = example.cancelIfEventWorkflow.runNoWait(new EmptyModel());
    awaitRunning(ref.id());
    pushTwice("cancel_if_event:abort", 3_000);
    assertThatThrownBy(() -> ref.result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class);
    EngineSupport.awaitStatus(hatchet, ref.id(), "CANCELLED");
  }

  @Test
  void cancelIfOnASleepCancelsTheRun() {
    assertCancelled(example.cancelIfSleepWorkflow);
  }

  @Test
  void cancelIfWithAnOrGroupCancelsTheRun() {
    assertCancelled(example.cancelIfOrWorkflow);
  }

  @Test
  void waitForAnEventHoldsTheTaskUntilItArrives() {
    RunRef<WorkflowResult> ref = example.waitForEventOnlyWorkflow.runNoWait(new EmptyModel());
    awaitRunning(ref.id());
    EngineSupport.sleep(2_000);
    hatchet.events().push("wait_for_event_only:go", Map.of());
    assertThat(ref.result(Duration.ofSeconds(60)).output(example.wfeTarget).randomNumber()).isEqualTo(5);
  }
}
