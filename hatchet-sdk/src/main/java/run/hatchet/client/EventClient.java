package run.hatchet.client;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import run.hatchet.features.EventInfo;
import run.hatchet.features.EventQuery;
import run.hatchet.features.Page;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.client.CurrentTask;
import run.hatchet.internal.proto.BulkPushEventRequest;
import run.hatchet.internal.proto.Event;
import run.hatchet.internal.proto.EventsServiceGrpc;
import run.hatchet.internal.proto.PushEventRequest;
import run.hatchet.internal.rest.RestClient;

/** Pushes events that trigger workflows and satisfy waits; lists and reads stored events. */
public final class EventClient {
  private final ClientCore core;

  /** SDK-internal; use {@code hatchet.events()}. */
  public EventClient(ClientCore core) {
    this.core = core;
  }

  /** Pushes one event with a payload (serialised to JSON). */
  public PushedEvent push(String key, Object payload) {
    return push(key, payload, EventOptions.create());
  }

  public PushedEvent push(String key, Object payload, EventOptions options) {
    PushEventRequest req = request(key, payload, options);
    Event e = core.transport().unary("EventsService.Push", core.transport().events(), s -> s.push(req));
    return new PushedEvent(e.getEventId(), e.getKey());
  }

  /** {@link #pushAsync(String, Object, EventOptions)} with default options. */
  public CompletableFuture<PushedEvent> pushAsync(String key, Object payload) {
    return pushAsync(key, payload, EventOptions.create());
  }

  /**
   * Pushes one event without waiting for the engine: for producers that push many events at once. The
   * request is built (the payload serialised) before this returns, so bad input throws here; the future
   * completes on one of gRPC's executor threads with the stored event, or exceptionally with
   * {@link run.hatchet.HatchetRpcException} once the push failed for good (transient failures are retried
   * as by {@link #push}). Cancelling the future does not recall the push.
   */
  public CompletableFuture<PushedEvent> pushAsync(String key, Object payload, EventOptions options) {
    PushEventRequest req = request(key, payload, options);
    return core.transport().<EventsServiceGrpc.EventsServiceStub, Event>unaryAsync("EventsService.Push", core.transport().eventsAsync(),
        (s, observer) -> s.push(req, observer)).thenApply(e -> new PushedEvent(e.getEventId(), e.getKey()));
  }

  /** One event of a bulk push. */
  public static final class Item {
    final String key;
    final Object payload;
    final EventOptions options;

    public Item(String key, Object payload, EventOptions options) {
      this.key = key;
      this.payload = payload;
      this.options = options == null ? EventOptions.create() : options;
    }
  }

  /** Pushes up to 1000 events in one request; returns them in order. */
  public List<PushedEvent> pushAll(List<Item> items) {
    if (items.isEmpty() || items.size() > 1000) {
      throw new IllegalArgumentException("a bulk push takes 1 to 1000 events (was " + items.size() + ")");
    }
    BulkPushEventRequest.Builder b = BulkPushEventRequest.newBuilder();
    for (Item i : items) {
      b.addEvents(request(i.key, i.payload, i.options));
    }
    List<PushedEvent> out = new ArrayList<>();
    for (Event e : core.transport().unary("EventsService.BulkPush", core.transport().events(), s -> s.bulkPush(b.build())).getEventsList()) {
      out.add(new PushedEvent(e.getEventId(), e.getKey()));
    }
    return out;
  }

  /** A stored event by id. Throws {@link run.hatchet.HatchetApiException} 404 for an unknown id. */
  public EventInfo get(String eventId) {
    if (eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("eventId must not be blank");
    }
    return EventInfo.fromJson(core.rest().get(eventsPath() + "/"
        + java.net.URLEncoder.encode(eventId, java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** One page of stored events matching the query, newest first. */
  public Page<EventInfo> list(EventQuery query, int offset, int limit) {
    Map<String, Object> q = query.toQuery(core.config()::applyNamespace, offset, limit);
    return Page.fromJson(core.rest().get(eventsPath() + RestClient.query(q)), offset, limit, EventInfo::fromJson);
  }

  /** Every stored event matching the query, fetched page by page as the stream is consumed. */
  public Stream<EventInfo> listAll(EventQuery query) {
    return Page.stream(100, (offset, limit) -> list(query, offset, limit));
  }

  private String eventsPath() {
    return "/api/v1/stable/tenants/" + core.config().tenantId() + "/events";
  }

  private PushEventRequest request(String key, Object payload, EventOptions options) {
    Instant now = Instant.now();
    PushEventRequest.Builder b = PushEventRequest.newBuilder()
        .setKey(core.config().applyNamespace(key))
        .setPayload(core.serializer().toJson(payload == null ? Map.of() : payload))
        .setEventTimestamp(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()));
    Map<String, Object> meta = new LinkedHashMap<>(options.metadata());
    CurrentTask.Parent parent = CurrentTask.get();
    if (parent != null) {
      meta.putIfAbsent("hatchet__source_workflow_run_id", parent.workflowRunId());
      meta.putIfAbsent("hatchet__source_step_run_id", parent.taskRunId());
    }
    if (!meta.isEmpty()) {
      b.setAdditionalMetadata(core.serializer().toJson(meta));
    }
    if (options.priority() != null) {
      b.setPriority(options.priority());
    }
    if (options.scope() != null) {
      b.setScope(options.scope());
    }
    return b.build();
  }
}
