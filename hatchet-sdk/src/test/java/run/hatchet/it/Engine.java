package run.hatchet.it;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;

/** Access to the real engine for integration tests: configuration from HATCHET_CLIENT_*. */
public final class Engine {
  private Engine() {}

  /** Fails (HATCHET_REQUIRE_ENGINE=1) or skips the test class when no engine is configured. */
  public static void require() {
    String token = System.getenv(ClientConfig.ENV_TOKEN);
    if (token == null || token.isBlank()) {
      String msg = "no engine configured: set HATCHET_CLIENT_* (scripts/test does it)";
      if ("1".equals(System.getenv("HATCHET_REQUIRE_ENGINE"))) {
        fail(msg + " — HATCHET_REQUIRE_ENGINE=1 forbids skipping");
      }
      Assumptions.abort(msg);
    }
  }

  /** A fresh namespace so that test classes never see each other's workflows or events. */
  public static String namespace(Class<?> testClass) {
    return "it_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A client on the configured engine in its own namespace. */
  public static Hatchet client(Class<?> testClass) {
    require();
    return Hatchet.builder().config(ClientConfig.builder().namespace(namespace(testClass)).build()).build();
  }

  /** The engine's own view of a workflow run (REST run details). */
  public static JsonNode runDetails(Hatchet h, String runId) {
    return h.core().rest().get("/api/v1/stable/workflow-runs/" + runId);
  }

  /** Run status from the engine, e.g. COMPLETED, FAILED, CANCELLED. */
  public static String runStatus(Hatchet h, String runId) {
    return runDetails(h, runId).path("run").path("status").asText();
  }

  /** Polls the engine's run details until {@code done} holds (the engine's read model lags a little). */
  public static JsonNode awaitRun(Hatchet h, String runId, Predicate<JsonNode> done, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < end) {
      try {
        last = runDetails(h, runId);
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        // not visible yet
      }
      sleep(250);
    }
    throw new AssertionError("run " + runId + " did not reach the expected state within " + timeout + "; last: " + last);
  }

  public static JsonNode awaitStatus(Hatchet h, String runId, String status) {
    return awaitRun(h, runId, d -> status.equals(d.path("run").path("status").asText()), Duration.ofSeconds(60));
  }

  public static Map<String, String> env() {
    return System.getenv();
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }
}
