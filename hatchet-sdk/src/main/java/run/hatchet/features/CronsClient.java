package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Named cron triggers: create, list, read, enable/disable, trigger now, delete. Use {@code hatchet.crons()}. */
public final class CronsClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.crons()}. */
  public CronsClient(ClientCore core) {
    super(core);
  }

  /** Creates a cron trigger for a registered workflow (name without namespace). */
  public CronTrigger create(String workflowName, String cronName, String expression, Object input) {
    return create(workflowName, cronName, expression, input, null, null);
  }

  /**
   * Creates a cron trigger.
   *
   * @param workflowName the workflow's name (namespace applied)
   * @param cronName a name unique per workflow
   * @param expression a cron expression, e.g. {@code 0 * * * *}
   * @param input the input of each run (serialised with the client's serializer; null for {})
   * @param metadata additional metadata of each run, or null
   * @param priority priority 1..3 of each run, or null
   */
  public CronTrigger create(String workflowName, String cronName, String expression, Object input,
      Map<String, ?> metadata, Integer priority) {
    ObjectNode body = object();
    body.put("cronName", require(cronName, "cronName"));
    body.put("cronExpression", require(expression, "expression"));
    body.set("input", toNode(input));
    body.set("additionalMetadata", toNode(metadata));
    if (priority != null) {
      body.put("priority", priority);
    }
    return CronTrigger.from(rest().post(
        tenantPath("/workflows/" + seg(ns(require(workflowName, "workflowName"))) + "/crons"), body));
  }

  /** A cron trigger by id. */
  public CronTrigger get(String cronId) {
    return CronTrigger.from(rest().get(tenantPath("/workflows/crons/" + seg(cronId))));
  }

  /** One page of cron triggers. */
  public Page<CronTrigger> list(CronQuery query, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("workflowId", query.workflowId);
    q.put("workflowName", query.workflowName == null ? null : ns(query.workflowName));
    q.put("cronName", query.cronName);
    q.put("additionalMetadata", kv(query.metadata));
    q.put("orderByField", query.orderBy == null ? null : query.orderBy.wire);
    q.put("orderByDirection", query.direction == null ? null : query.direction.name());
    return Page.fromJson(rest().get(tenantPath("/workflows/crons") + RestClient.query(q)), offset, limit, CronTrigger::from);
  }

  /** Every cron trigger matching the query. */
  public Stream<CronTrigger> listAll(CronQuery query) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(query, offset, limit));
  }

  /** Enables or disables a cron trigger; a disabled cron does not fire. */
  public void setEnabled(String cronId, boolean enabled) {
    ObjectNode body = object();
    body.put("enabled", enabled);
    rest().patch(tenantPath("/workflows/crons/" + seg(cronId)), body);
  }

  /** Enables a cron trigger. */
  public void enable(String cronId) {
    setEnabled(cronId, true);
  }

  /** Disables a cron trigger. */
  public void disable(String cronId) {
    setEnabled(cronId, false);
  }

  /** Runs the cron's workflow once now (with the cron's input and metadata); returns the new run's id. */
  public String triggerNow(String cronId) {
    return engineId(rest().post(tenantPath("/workflows/crons/" + seg(cronId)), null), "externalId", "cron trigger-now");
  }

  /** Deletes a cron trigger. */
  public void delete(String cronId) {
    rest().delete(tenantPath("/workflows/crons/" + seg(cronId)));
  }
}
