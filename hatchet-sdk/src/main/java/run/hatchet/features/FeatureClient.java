package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import run.hatchet.HatchetException;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.rest.RestClient;

/** Shared plumbing of the REST feature clients. */
abstract class FeatureClient {
  /** Page size of the {@code listAll} helpers. */
  static final int WALK_PAGE_SIZE = 100;

  final ClientCore core;

  FeatureClient(ClientCore core) {
    this.core = Objects.requireNonNull(core, "core");
  }

  RestClient rest() {
    return core.rest();
  }

  String tenantId() {
    return core.config().tenantId();
  }

  /** {@code /api/v1/tenants/<tenant>} + suffix. */
  String tenantPath(String suffix) {
    return "/api/v1/tenants/" + seg(tenantId()) + suffix;
  }

  /** {@code /api/v1/stable/tenants/<tenant>} + suffix. */
  String stableTenantPath(String suffix) {
    return "/api/v1/stable/tenants/" + seg(tenantId()) + suffix;
  }

  String ns(String name) {
    return core.config().applyNamespace(name);
  }

  /** A path segment, percent-encoded; rejects null or blank values. */
  static String seg(String value) {
    return encode(require(value, "id"));
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String require(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
    return value;
  }

  /** RFC 3339 text of an instant, as the engine expects in queries and bodies. */
  static String ts(Instant t) {
    return t == null ? null : t.toString();
  }

  /** {@code key:value} strings for metadata filters. */
  static List<String> kv(Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>(m.size());
    m.forEach((k, v) -> out.add(k + ":" + v));
    return out;
  }

  static <E extends Enum<E>> List<String> names(Collection<E> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<String> out = new ArrayList<>(values.size());
    values.forEach(v -> out.add(v.name()));
    return out;
  }

  static <T> List<T> nonEmpty(Collection<T> values) {
    return values == null || values.isEmpty() ? null : List.copyOf(values);
  }

  ObjectNode object() {
    return rest().mapper().createObjectNode();
  }

  /** A user value as JSON through the client's serializer ({@code null} becomes an empty object). */
  JsonNode toNode(Object value) {
    if (value == null) {
      return object();
    }
    if (value instanceof JsonNode) {
      return (JsonNode) value;
    }
    try {
      return rest().mapper().readTree(core.serializer().toJson(value));
    } catch (IOException e) {
      throw new HatchetException("the serializer produced invalid JSON for " + value.getClass().getName(), e);
    }
  }

  /** A required id field of an engine answer. */
  static String engineId(com.fasterxml.jackson.databind.JsonNode n, String field, String what) {
    String v = Json.text(n, field);
    if (v == null || v.isEmpty()) {
      throw new HatchetException("the engine's answer to " + what + " has no " + field + ": " + n);
    }
    return v;
  }

  static void checkPaging(int offset, int limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative (was " + offset + ")");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1 (was " + limit + ")");
    }
  }
}
