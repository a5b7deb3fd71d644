package run.hatchet.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import run.hatchet.definition.DesiredLabel;

/** Options of one trigger. */
public final class RunOptions {
  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private final Map<String, DesiredLabel> desiredLabels = new LinkedHashMap<>();
  private Integer priority;
  private String childKey;
  private boolean sticky;

  public static RunOptions create() {
    return new RunOptions();
  }

  /** Additional metadata stored with the run (and inherited by its children). */
  public RunOptions metadata(String key, Object value) {
    metadata.put(key, value);
    return this;
  }

  public RunOptions metadata(Map<String, ?> values) {
    metadata.putAll(values);
    return this;
  }

  /** 1 (low) to 3 (high). */
  public RunOptions priority(int priority) {
    if (priority < 1 || priority > 3) {
      throw new IllegalArgumentException("priority must be 1, 2 or 3 (was " + priority + ")");
    }
    this.priority = priority;
    return this;
  }

  /** Desired worker label for this run. */
  public RunOptions desiredLabel(String key, DesiredLabel label) {
    desiredLabels.put(key, label);
    return this;
  }

  /** For children: a key that identifies the child, so triggering it twice returns the same run. */
  public RunOptions childKey(String key) {
    this.childKey = key;
    return this;
  }

  /** For children: run on the same worker as the parent task (the child workflow must be sticky). */
  public RunOptions sticky(boolean sticky) {
    this.sticky = sticky;
    return this;
  }

  public Map<String, Object> metadata() {
    return Collections.unmodifiableMap(metadata);
  }

  public Map<String, DesiredLabel> desiredLabels() {
    return Collections.unmodifiableMap(desiredLabels);
  }

  public Integer priority() {
    return priority;
  }

  public String childKey() {
    return childKey;
  }

  public boolean sticky() {
    return sticky;
  }
}
