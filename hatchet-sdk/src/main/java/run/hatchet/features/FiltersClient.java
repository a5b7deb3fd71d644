package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Event filters (scopes are not namespaced): create, read, list, update, delete. Use {@code hatchet.filters()}. */
public final class FiltersClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.filters()}. */
  public FiltersClient(ClientCore core) {
    super(core);
  }

  /**
   * Creates a filter on a workflow.
   *
   * @param workflowId the workflow's id
   * @param expression a CEL expression over {@code input}, {@code payload}, {@code additional_metadata}, …
   * @param scope the scope events must carry
   * @param payload data handed to runs it lets through (serialised with the client's serializer), or null
   */
  public EventFilter create(String workflowId, String expression, String scope, Object payload) {
    ObjectNode body = object();
    body.put("workflowId", require(workflowId, "workflowId"));
    body.put("expression", require(expression, "expression"));
    body.put("scope", require(scope, "scope"));
    if (payload != null) {
      body.set("payload", toNode(payload));
    }
    return EventFilter.from(rest().post(stableTenantPath("/filters"), body));
  }

  /** A filter by id. */
  public EventFilter get(String filterId) {
    return EventFilter.from(rest().get(path(filterId)));
  }

  /** One page of filters of the given workflows and scopes (null or empty: any). */
  public Page<EventFilter> list(Collection<String> workflowIds, Collection<String> scopes, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("workflowIds", nonEmpty(workflowIds));
    q.put("scopes", nonEmpty(scopes));
    return Page.fromJson(rest().get(stableTenantPath("/filters") + RestClient.query(q)), offset, limit, EventFilter::from);
  }

  /** Every filter of the given workflows and scopes (null or empty: any). */
  public Stream<EventFilter> listAll(Collection<String> workflowIds, Collection<String> scopes) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(workflowIds, scopes, offset, limit));
  }

  /** Changes a filter; null arguments are left as they are. */
  public EventFilter update(String filterId, String expression, String scope, Object payload) {
    ObjectNode body = object();
    if (expression != null) {
      body.put("expression", expression);
    }
    if (scope != null) {
      body.put("scope", scope);
    }
    if (payload != null) {
      body.set("payload", toNode(payload));
    }
    return EventFilter.from(rest().patch(path(filterId), body));
  }

  /** Deletes a filter; returns it as it was. */
  public EventFilter delete(String filterId) {
    return EventFilter.from(rest().delete(path(filterId)));
  }

  private String path(String filterId) {
    return stableTenantPath("/filters/" + seg(filterId));
  }
}
