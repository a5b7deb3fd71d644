package run.hatchet.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options of a pushed event. */
public final class EventOptions {
  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private Integer priority;
  private String scope;

  public static EventOptions create() {
    return new EventOptions();
  }

  public EventOptions metadata(String key, Object value) {
    metadata.put(key, value);
    return this;
  }

  /** Priority (1..3) of the runs the event triggers. */
  public EventOptions priority(int priority) {
    if (priority < 1 || priority > 3) {
      throw new IllegalArgumentException("priority must be 1, 2 or 3 (was " + priority + ")");
    }
    this.priority = priority;
    return this;
  }

  /** Scope: selects which workflow filters are evaluated for the event. */
  public EventOptions scope(String scope) {
    this.scope = scope;
    return this;
  }

  public Map<String, Object> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  public Integer priority() {
    return priority;
  }

  public String scope() {
    return scope;
  }
}
