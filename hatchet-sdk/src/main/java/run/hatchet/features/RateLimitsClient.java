package run.hatchet.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import run.hatchet.definition.RateLimitDuration;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.proto.PutRateLimitRequest;
import run.hatchet.internal.rest.RestClient;

/**
 * Tenant rate limits (keys are not namespaced): upsert, list, delete. Use {@code hatchet.rateLimits()}.
 */
public final class RateLimitsClient extends FeatureClient {
  /** Sort field of {@link #list}. */
  public enum OrderBy {
    KEY("key"),
    VALUE("value"),
    LIMIT("limitValue");

    final String wire;

    OrderBy(String wire) {
      this.wire = wire;
    }
  }

  /** SDK-internal; use {@code hatchet.rateLimits()}. */
  public RateLimitsClient(ClientCore core) {
    super(core);
  }

  /** Creates or changes a rate limit: {@code limit} units per {@code duration} window. */
  public void upsert(String key, int limit, RateLimitDuration duration) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative (was " + limit + ")");
    }
    PutRateLimitRequest req = PutRateLimitRequest.newBuilder()
        .setKey(require(key, "key"))
        .setLimit(limit)
        .setDuration(run.hatchet.internal.proto.RateLimitDuration.valueOf(Objects.requireNonNull(duration, "duration").name()))
        .build();
    core.transport().unary("WorkflowService.PutRateLimit", core.transport().workflows(), s -> s.putRateLimit(req));
  }

  /** One page of rate limits whose key contains {@code search} (null for all), in the engine's order. */
  public Page<RateLimitInfo> list(String search, int offset, int limit) {
    return list(search, null, null, offset, limit);
  }

  /** One page of rate limits whose key contains {@code search} (null for all), sorted. */
  public Page<RateLimitInfo> list(String search, OrderBy orderBy, SortDirection direction, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("search", search);
    q.put("orderByField", orderBy == null ? null : orderBy.wire);
    q.put("orderByDirection", direction == null ? null : direction.name().toLowerCase(java.util.Locale.ROOT));
    return Page.fromJson(rest().get(tenantPath("/rate-limits") + RestClient.query(q)), offset, limit, RateLimitInfo::from);
  }

  /** Every rate limit whose key contains {@code search} (null for all). */
  public Stream<RateLimitInfo> listAll(String search) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(search, offset, limit));
  }

  /** Deletes a rate limit by key. */
  public void delete(String key) {
    rest().delete(tenantPath("/rate-limits") + RestClient.query(Map.of("key", require(key, "key"))));
  }
}
