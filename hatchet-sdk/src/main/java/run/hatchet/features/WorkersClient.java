package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Workers: read, list, pause and unpause. Use {@code hatchet.workers()}. */
public final class WorkersClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.workers()}. */
  public WorkersClient(ClientCore core) {
    super(core);
  }

  /** A worker by id. */
  public WorkerInfo get(String workerId) {
    return WorkerInfo.from(rest().get("/api/v1/workers/" + seg(workerId)));
  }

  /** One page of the tenant's recently seen workers. */
  public Page<WorkerInfo> list(int offset, int limit) {
    return list(null, null, offset, limit);
  }

  /**
   * One page of workers with the given statuses (null or empty: any) and all the given labels (null or
   * empty: any).
   */
  public Page<WorkerInfo> list(Collection<WorkerStatus> statuses, Map<String, String> labels, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("statuses", names(statuses));
    q.put("labels", kv(labels));
    return Page.fromJson(rest().get(tenantPath("/worker") + RestClient.query(q)), offset, limit, WorkerInfo::from);
  }

  /** Every worker with the given statuses and labels (null: any). */
  public Stream<WorkerInfo> listAll(Collection<WorkerStatus> statuses, Map<String, String> labels) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(statuses, labels, offset, limit));
  }

  /** Pauses a worker: it keeps running its tasks but is given no new ones. */
  public WorkerInfo pause(String workerId) {
    return setPaused(workerId, true);
  }

  /** Unpauses a worker. */
  public WorkerInfo unpause(String workerId) {
    return setPaused(workerId, false);
  }

  private WorkerInfo setPaused(String workerId, boolean paused) {
    ObjectNode body = object();
    body.put("isPaused", paused);
    return WorkerInfo.from(rest().patch("/api/v1/workers/" + seg(workerId), body));
  }
}
