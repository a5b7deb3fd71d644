package run.hatchet.client;

/** An event stored by the engine. */
public final class PushedEvent {
  private final String id;
  private final String key;

  public PushedEvent(String id, String key) {
    this.id = id;
    this.key = key;
  }

  public String id() {
    return id;
  }

  /** The key as stored (with namespace). */
  public String key() {
    return key;
  }

  @Override
  public String toString() {
    return "PushedEvent{id=" + id + ", key=" + key + "}";
  }
}
