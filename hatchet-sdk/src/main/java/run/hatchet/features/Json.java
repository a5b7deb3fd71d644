package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Lenient readers for engine JSON: absent or null fields become null / empty. */
final class Json {
  private Json() {}

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isMissingNode() ? null : v.asText();
  }

  /** {@code metadata.id}, the id of most engine resources. */
  static String id(JsonNode n) {
    return text(n.path("metadata"), "id");
  }

  static Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    if (s == null || s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(s);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  static Integer integer(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || !v.isNumber() ? null : v.asInt();
  }

  static Long longValue(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || !v.isNumber() ? null : v.asLong();
  }

  static int intOr(JsonNode n, String field, int dflt) {
    Integer v = integer(n, field);
    return v == null ? dflt : v;
  }

  static boolean bool(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v != null && v.asBoolean(false);
  }

  /** The field as a node; {@link NullNode} when absent. */
  static JsonNode node(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null ? NullNode.getInstance() : v;
  }

  /**
   * The user's input of a run or task: run details and run lists carry the engine's task payload
   * ({@code {"input": …, "parents": …, "triggers": …, …}}), single-task reads the input itself.
   */
  static JsonNode userInput(JsonNode n, String field) {
    JsonNode v = node(n, field);
    if (v.isObject() && v.has("input") && v.has("parents") && v.has("triggers")) {
      return v.get("input");
    }
    return v;
  }

  /** A JSON object's fields as plain Java values (String, Number, Boolean, Map, List). */
  static Map<String, Object> map(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    if (v == null || !v.isObject()) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    v.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
    return Collections.unmodifiableMap(out);
  }

  static Object plain(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return null;
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isArray()) {
      List<Object> l = new ArrayList<>();
      v.forEach(x -> l.add(plain(x)));
      return Collections.unmodifiableList(l);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    v.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
    return Collections.unmodifiableMap(m);
  }

  static List<String> strings(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return strings(v);
  }

  static List<String> strings(JsonNode arr) {
    if (arr == null || !arr.isArray()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    arr.forEach(x -> out.add(x.asText()));
    return Collections.unmodifiableList(out);
  }

  static <T> List<T> list(JsonNode arr, Function<JsonNode, T> f) {
    if (arr == null || !arr.isArray()) {
      return List.of();
    }
    List<T> out = new ArrayList<>(arr.size());
    arr.forEach(x -> out.add(f.apply(x)));
    return Collections.unmodifiableList(out);
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(s)) {
        return e;
      }
    }
    return null;
  }
}
