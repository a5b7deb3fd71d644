package run.hatchet.serde;

import java.lang.reflect.Type;

/**
 * Converts task inputs, outputs and event payloads to and from JSON text. The default is
 * {@link JacksonSerializer}; supply your own through {@code Hatchet.builder().serializer(...)}.
 */
public interface Serializer {

  /** JSON text of {@code value} ({@code null} becomes {@code "null"}). */
  String toJson(Object value);

  /** Binds JSON text to {@code type}; throws {@link SerializationException} when it does not fit. */
  <T> T fromJson(String json, Type type);

  /** Binds JSON text to {@code type}. */
  default <T> T fromJson(String json, Class<T> type) {
    return fromJson(json, (Type) type);
  }
}
