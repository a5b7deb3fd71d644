package run.hatchet.internal.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {
  enum Color {
    RED,
    BLUE
  }

  record Address(String city) {}

  record Order(int id, String customer, Double amount, List<String> tags, Color color, Address address, boolean rush) {}

  @Test
  @SuppressWarnings("unchecked")
  void recordsBecomeObjectSchemasWithTypedProperties() {
    Map<String, Object> s = JsonSchemas.of(Order.class);
    assertThat(s).containsEntry("type", "object").containsEntry("title", "Order");
    Map<String, Object> props = (Map<String, Object>) s.get("properties");
    assertThat(props.get("id")).isEqualTo(Map.of("type", "integer"));
    assertThat(props.get("customer")).isEqualTo(Map.of("type", "string"));
    assertThat(props.get("amount")).isEqualTo(Map.of("type", "number"));
    assertThat(props.get("tags")).isEqualTo(Map.of("type", "array", "items", Map.of("type", "string")));
    assertThat(props.get("color")).isEqualTo(Map.of("type", "string", "enum", List.of("RED", "BLUE")));
    assertThat(((Map<String, Object>) props.get("address")).get("type")).isEqualTo("object");
    assertThat(s.get("required")).isEqualTo(List.of("id", "rush"));
  }

  @Test
  void openEndedTypesHaveNoSchema() {
    assertThat(JsonSchemas.of(Map.class)).isNull();
    assertThat(JsonSchemas.of(Object.class)).isNull();
    assertThat(JsonSchemas.of(Void.class)).isNull();
    assertThat(JsonSchemas.of(String.class)).isNull();
  }
}
