package run.hatchet.examples;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;
import run.hatchet.features.WorkflowInfo;
import run.hatchet.internal.rest.RestClient;
import run.hatchet.testing.Await;
import run.hatchet.worker.Worker;

/**
 * The engine for example ITs: clients in a namespace of their own, and the engine's view of runs,
 * workflows and filters read through the SDK's management clients (run details and the run list over the REST API).
 */
public final class EngineSupport {
  private EngineSupport() {}

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

  /** A fresh namespace, so that test classes never see each other's workflows or events. */
  public static String namespace(Class<?> testClass) {
    return "ex_" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A client on the configured engine in a namespace of its own. */
  public static Hatchet client(Class<?> testClass) {
    require();
    return Hatchet.builder().config(ClientConfig.builder().namespace(namespace(testClass)).build()).build();
  }

  private static String tenant(Hatchet h) {
    return "/api/v1/stable/tenants/" + h.config().tenantId();
  }

  /** The engine's details of a workflow run: {@code run}, {@code tasks}, {@code taskEvents}, {@code shape}. */
  public static JsonNode runDetails(Hatchet h, String runId) {
    return h.core().rest().get("/api/v1/stable/workflow-runs/" + runId);
  }

  /** The run's status: QUEUED, RUNNING, COMPLETED, CANCELLED or FAILED. */
  public static String runStatus(Hatchet h, String runId) {
    return runDetails(h, runId).path("run").path("status").asText();
  }

  /** Polls the run's details until {@code done} holds (the engine's read model lags a little). */
  public static JsonNode awaitRun(Hatchet h, String runId, Predicate<JsonNode> done, Duration timeout) {
    return await("run " + runId, () -> runDetails(h, runId), done, timeout);
  }

  /** Polls {@code read} until {@code done} holds for its value (the engine's read model lags a little). */
  public static <T> T await(java.util.function.Supplier<T> read, Predicate<T> done, Duration timeout) {
    return await("the value", read, done, timeout);
  }

  private static <T> T await(String what, java.util.function.Supplier<T> read, Predicate<T> done, Duration timeout) {
    try {
      return Await.until(read, done, timeout);
    } catch (AssertionError e) {
      AssertionError named = new AssertionError(what + ": " + e.getMessage(), e.getCause());
      named.setStackTrace(e.getStackTrace());
      throw named;
    }
  }

  public static JsonNode awaitStatus(Hatchet h, String runId, String status) {
    return awaitRun(h, runId, d -> status.equals(d.path("run").path("status").asText()), Duration.ofSeconds(60));
  }

  /**
   * Workflow runs of the last hour from the engine's run list, filtered by {@code params} (e.g.
   * {@code additional_metadata=key:value}, {@code triggering_event_external_id}, {@code workflow_ids}).
   */
  public static List<JsonNode> listRuns(Hatchet h, Map<String, ?> params) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("since", Instant.now().minus(Duration.ofHours(1)).toString());
    q.put("only_tasks", false);
    q.put("limit", 1000);
    q.putAll(params);
    List<JsonNode> rows = new ArrayList<>();
    h.core().rest().get(tenant(h) + "/workflow-runs" + RestClient.query(q)).path("rows").forEach(rows::add);
    return rows;
  }

  /** Runs carrying the metadata {@code key=value}. */
  public static List<JsonNode> runsWithMetadata(Hatchet h, String key, String value) {
    return listRuns(h, Map.of("additional_metadata", key + ":" + value));
  }

  /** The engine's id of a workflow of this client (by its un-namespaced name). */
  public static String workflowId(Hatchet h, String name) {
    return h.workflows().findByName(name).map(WorkflowInfo::id)
        .orElseThrow(() -> new AssertionError("workflow " + h.config().applyNamespace(name) + " is not registered"));
  }

  /** Creates an event filter on a workflow; returns its id. */
  public static String createFilter(Hatchet h, String workflowName, String expression, String scope, Map<String, ?> payload) {
    return h.filters().create(workflowId(h, workflowName), expression, scope, payload).id();
  }

  public static void deleteFilter(Hatchet h, String filterId) {
    h.filters().delete(filterId);
  }

  /** A timestamp field of a run or task row ({@code startedAt}, {@code finishedAt}, …). */
  public static Instant time(JsonNode row, String field) {
    return Instant.parse(row.path(field).asText());
  }

  /**
   * The largest number of runs that ran at the same moment with the same value of {@code key} (runs
   * overlap when each started before the other finished).
   */
  public static int peakConcurrency(List<JsonNode> runs, java.util.function.Function<JsonNode, String> key) {
    int peak = 0;
    for (JsonNode r : runs) {
      Instant start = time(r, "startedAt");
      int running = 0;
      for (JsonNode o : runs) {
        if (key.apply(o).equals(key.apply(r)) && !time(o, "startedAt").isAfter(start) && time(o, "finishedAt").isAfter(start)) {
          running++;
        }
      }
      peak = Math.max(peak, running);
    }
    return peak;
  }

  /** Polls the run list until {@code done} holds for the rows (the run list lags the engine a little). */
  public static List<JsonNode> awaitRuns(Hatchet h, Map<String, ?> params, Predicate<List<JsonNode>> done, Duration timeout) {
    return await("the run list", () -> listRuns(h, params), done, timeout);
  }

  /** True when every run has a final status. */
  public static boolean allFinished(List<JsonNode> runs) {
    return runs.stream().allMatch(r -> r.path("status").asText().matches("COMPLETED|FAILED|CANCELLED"));
  }

  /** Stops the worker (a short grace period) and closes the client; either may be null. */
  public static void stop(Worker worker, Hatchet hatchet) {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  public static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
