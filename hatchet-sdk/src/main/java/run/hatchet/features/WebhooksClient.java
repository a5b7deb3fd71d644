package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Incoming webhooks, addressed by name: create, read, list, update, delete. Use {@code hatchet.webhooks()}. */
public final class WebhooksClient extends FeatureClient {
  /** Known sender kinds. */
  public enum Source {
    GENERIC,
    GITHUB,
    STRIPE,
    SLACK,
    LINEAR,
    SVIX
  }

  /** SDK-internal; use {@code hatchet.webhooks()}. */
  public WebhooksClient(ClientCore core) {
    super(core);
  }

  /**
   * Creates a webhook.
   *
   * @param name unique name (part of its URL)
   * @param source the sender kind
   * @param eventKeyExpression CEL expression over {@code input} (the request body) computing the event key
   * @param auth how senders authenticate
   */
  public Webhook create(String name, Source source, String eventKeyExpression, WebhookAuth auth) {
    return create(name, source, eventKeyExpression, null, null, auth);
  }

  /**
   * Creates a webhook with a scope expression and a static payload (null for none).
   */
  public Webhook create(String name, Source source, String eventKeyExpression, String scopeExpression,
      Object staticPayload, WebhookAuth auth) {
    ObjectNode body = object();
    body.put("name", require(name, "name"));
    body.put("sourceName", Objects.requireNonNull(source, "source").name());
    body.put("eventKeyExpression", require(eventKeyExpression, "eventKeyExpression"));
    if (scopeExpression != null) {
      body.put("scopeExpression", scopeExpression);
    }
    if (staticPayload != null) {
      body.set("staticPayload", toNode(staticPayload));
    }
    body.put("authType", Objects.requireNonNull(auth, "auth").type);
    auth.writeTo(body.putObject("auth"));
    return Webhook.from(rest().post(stableTenantPath("/webhooks"), body));
  }

  /** A webhook by name. */
  public Webhook get(String name) {
    return Webhook.from(rest().get(path(name)));
  }

  /**
   * One page of webhooks with the given sources and names (null or empty: any). Note: engine v0.104.7
   * answers any source filter with HTTP 400 "failed to list webhooks"; filter by name instead.
   */
  public Page<Webhook> list(Collection<Source> sources, Collection<String> names, int offset, int limit) {
    checkPaging(offset, limit);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("offset", offset);
    q.put("limit", limit);
    q.put("sourceNames", names(sources));
    q.put("webhookNames", nonEmpty(names));
    return Page.fromJson(rest().get(stableTenantPath("/webhooks") + RestClient.query(q)), offset, limit, Webhook::from);
  }

  /** Every webhook with the given sources and names (null or empty: any). */
  public Stream<Webhook> listAll(Collection<Source> sources, Collection<String> names) {
    return Page.stream(WALK_PAGE_SIZE, (offset, limit) -> list(sources, names, offset, limit));
  }

  /** Changes a webhook's expressions or static payload; null arguments are left as they are. */
  public Webhook update(String name, String eventKeyExpression, String scopeExpression, Object staticPayload) {
    ObjectNode body = object();
    if (eventKeyExpression != null) {
      body.put("eventKeyExpression", eventKeyExpression);
    }
    if (scopeExpression != null) {
      body.put("scopeExpression", scopeExpression);
    }
    if (staticPayload != null) {
      body.set("staticPayload", toNode(staticPayload));
    }
    return Webhook.from(rest().patch(path(name), body));
  }

  /** Deletes a webhook; returns it as it was. */
  public Webhook delete(String name) {
    return Webhook.from(rest().delete(path(name)));
  }

  private String path(String name) {
    return stableTenantPath("/webhooks/" + seg(name));
  }
}
