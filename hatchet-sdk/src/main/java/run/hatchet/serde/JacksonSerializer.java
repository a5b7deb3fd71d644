package run.hatchet.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.Type;
import java.util.Objects;

/** The default {@link Serializer}, backed by a Jackson {@link ObjectMapper}. */
public final class JacksonSerializer implements Serializer {
  private final ObjectMapper mapper;

  /** A serializer with the SDK's default mapper (java.time support, unknown properties ignored). */
  public JacksonSerializer() {
    this(defaultMapper());
  }

  /** A serializer using your own mapper (its configuration is used as is). */
  public JacksonSerializer(ObjectMapper mapper) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** The mapper the no-argument constructor uses; a starting point for customisation. */
  public static ObjectMapper defaultMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new SerializationException(
          "cannot write " + (value == null ? "null" : value.getClass().getName()) + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public <T> T fromJson(String json, Type type) {
    JavaType javaType = mapper.getTypeFactory().constructType(type);
    try {
      return mapper.readValue(json == null || json.isEmpty() ? "null" : json, javaType);
    } catch (JsonProcessingException e) {
      throw new SerializationException(
          "cannot bind JSON to " + javaType.toCanonical() + ": " + e.getOriginalMessage(), e);
    }
  }
}
