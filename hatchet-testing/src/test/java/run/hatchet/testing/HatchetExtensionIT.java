package run.hatchet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.features.RunDetails;
import run.hatchet.features.RunStatus;
import run.hatchet.features.TaskSummary;
import run.hatchet.worker.Worker;

/**
 * The extension on a real engine: the injected client lives in a namespace of this class, the worker it
 * starts runs the task, and the engine's run details agree with what a mock run of the same task gives.
 */
@HatchetTest
class HatchetExtensionIT {
  record In(String text) {}

  record Out(String text, int attempt) {}

  static Hatchet staticClient;
  static Task<In, Out> shout;
  static Worker worker;

  Hatchet instanceClient;
  TestEngine instanceEngine;

  @BeforeAll
  static void startWorker(Hatchet hatchet, TestEngine engine) {
    assertThat(staticClient).isSameAs(hatchet);
    shout = hatchet.task("shout", In.class, Out.class, (in, ctx) -> {
      ctx.log("attempt " + ctx.attemptNumber() + " for " + ctx.additionalMetadata().get("user"));
      if (ctx.retryCount() == 0 && in.text().startsWith("retry")) {
        throw new IllegalStateException("first attempt of " + in.text() + " fails");
      }
      return new Out(in.text().toUpperCase(), ctx.attemptNumber());
    }, o -> o.retries(1));
    worker = engine.startWorker(shout);
  }

  @AfterAll
  static void stillOpenAfterTheNestedClass() {
    // the extension stops the worker and closes the client after this method, not after the @Nested class
    assertThat(worker.isTerminated()).isFalse();
    assertThat(staticClient.workflows().findByName("shout")).isPresent();
  }

  @Test
  void clientAndEngineAreInjectedInANamespaceOfTheClass(Hatchet hatchet, TestEngine engine) {
    assertThat(instanceClient).isSameAs(hatchet).isSameAs(staticClient).isSameAs(engine.hatchet());
    assertThat(instanceEngine).isSameAs(engine);
    assertThat(engine.namespace()).matches("test_hatchetextensionit_[0-9a-f]{8}_");
    assertThat(worker.name()).startsWith(engine.namespace());
    assertThat(hatchet.workflows().findByName("shout")).isPresent();
  }

  @Test
  void aTaskRunOnTheEngineMatchesItsMockRun(TestEngine engine) {
    RunRef<Out> ref = shout.runNoWait(new In("hello"), RunOptions.create().metadata("user", "u1"));
    Out out = ref.result();
    RunDetails details = engine.awaitFinished(ref.id());

    assertThat(out).isEqualTo(new Out("HELLO", 1));
    assertThat(details.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(details.additionalMetadata()).containsEntry("user", "u1");
    assertThat(details.output().path("text").asText()).isEqualTo("HELLO");
    TaskSummary task = details.task("shout").orElseThrow();
    assertThat(task.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(task.retryCount()).isZero();

    MockResult<Out> mock = MockRun.of(shout).input(new In("hello")).metadata("user", "u1").run();
    assertThat(mock.output()).isEqualTo(out);
    assertThat(mock.logMessages()).containsExactly("attempt 1 for u1");
  }

  @Test
  void aRetriedRunOnTheEngineMatchesTheMockRunOfItsRetry(TestEngine engine) {
    RunRef<Out> ref = shout.runNoWait(new In("retry-me"), RunOptions.create().metadata("user", "u2"));
    Out out = ref.result();
    RunDetails details = engine.awaitRun(ref.id(),
        d -> d.status() == RunStatus.COMPLETED && d.task("shout").map(t -> t.retryCount() == 1).orElse(false));

    assertThat(out).isEqualTo(new Out("RETRY-ME", 2));
    assertThat(details.output().path("attempt").asInt()).isEqualTo(2);

    MockResult<Out> firstAttempt = MockRun.of(shout).input(new In("retry-me")).run();
    assertThat(firstAttempt.error()).isInstanceOf(IllegalStateException.class)
        .hasMessage("first attempt of retry-me fails");
    assertThat(MockRun.of(shout).input(new In("retry-me")).retryCount(1).run().output()).isEqualTo(out);
  }

  @Nested
  class NestedClass {
    @Test
    void sharesTheEnclosingClassesClient(Hatchet hatchet, TestEngine engine) {
      assertThat(hatchet).isSameAs(staticClient);
      Out out = shout.run(new In("nested"), RunOptions.create().metadata(Map.of("user", "n")));
      assertThat(out).isEqualTo(new Out("NESTED", 1));
      assertThat(engine.awaitFinished(shout.runNoWait(new In("again")).id()).status()).isEqualTo(RunStatus.COMPLETED);
    }
  }
}
