package run.hatchet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.internal.rest.RestClient;

/**
 * The engine's own record of a load test's runs, read over its REST API: which workflows a namespace
 * registered and the status and timestamps of each of their task runs. Implementation-neutral, so the same
 * numbers can be taken for a run of this tool and for a run of the reference load test.
 */
final class EngineView {
  /** One task run as the engine lists it; timestamps may be null while it is queued or running. */
  record TaskRow(String status, Instant createdAt, Instant startedAt, Instant finishedAt) {
    boolean terminal() {
      return status.equals("COMPLETED") || status.equals("FAILED") || status.equals("CANCELLED");
    }
  }

  private static final int PAGE = 500;
  private static final int MAX_PAGES = 400;

  private final Hatchet hatchet;

  EngineView(Hatchet hatchet) {
    this.hatchet = hatchet;
  }

  /** Ids of the (already namespaced) workflow names; names the engine does not know are left out. */
  List<String> workflowIds(List<String> names) {
    List<String> ids = new ArrayList<>();
    for (String name : names) {
      JsonNode rows = hatchet.core().rest().get("/api/v1/tenants/" + hatchet.config().tenantId() + "/workflows"
          + RestClient.query(Map.of("name", name, "limit", 50))).path("rows");
      for (JsonNode w : rows) {
        if (name.equals(w.path("name").asText())) {
          ids.add(w.path("metadata").path("id").asText());
        }
      }
    }
    return ids;
  }

  /** Every task run of these workflows created since {@code since}, all pages (bounded). */
  List<TaskRow> tasks(List<String> workflowIds, Instant since) {
    List<TaskRow> out = new ArrayList<>();
    if (workflowIds.isEmpty()) {
      return out;
    }
    for (int page = 0; page < MAX_PAGES; page++) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("since", since.toString());
      q.put("only_tasks", true);
      q.put("include_payloads", false);
      q.put("workflow_ids", workflowIds);
      q.put("limit", PAGE);
      q.put("offset", page * PAGE);
      JsonNode rows = hatchet.core().rest().get("/api/v1/stable/tenants/" + hatchet.config().tenantId()
          + "/workflow-runs" + RestClient.query(q)).path("rows");
      for (JsonNode r : rows) {
        out.add(new TaskRow(r.path("status").asText(), time(r, "createdAt"), time(r, "startedAt"), time(r, "finishedAt")));
      }
      if (rows.size() < PAGE) {
        break;
      }
    }
    return out;
  }

  /** Whether the engine still lists a task run of these workflows created since {@code since} as queued or running. */
  boolean anyUnfinished(List<String> workflowIds, Instant since) {
    if (workflowIds.isEmpty()) {
      return false;
    }
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("since", since.toString());
    q.put("only_tasks", true);
    q.put("include_payloads", false);
    q.put("workflow_ids", workflowIds);
    q.put("statuses", List.of("QUEUED", "RUNNING"));
    q.put("limit", 1);
    return !hatchet.core().rest().get("/api/v1/stable/tenants/" + hatchet.config().tenantId()
        + "/workflow-runs" + RestClient.query(q)).path("rows").isEmpty();
  }

  private static Instant time(JsonNode row, String field) {
    JsonNode v = row.get(field);
    if (v == null || v.isNull() || v.asText().isEmpty()) {
      return null;
    }
    try {
      Instant t = Instant.parse(v.asText());
      return t.getEpochSecond() <= 0 ? null : t;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
