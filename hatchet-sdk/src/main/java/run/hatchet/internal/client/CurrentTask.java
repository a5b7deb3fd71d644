package run.hatchet.internal.client;

/** The task attempt running on the current thread, so runs triggered from it become its children. */
public final class CurrentTask {
  /** What a child trigger needs from its parent. */
  public interface Parent {
    String workflowRunId();

    String taskRunId();

    String workerId();

    java.util.Map<String, Object> additionalMetadata();

    /** Next child index of this attempt (0, 1, 2, …). */
    int nextChildIndex();
  }

  private static final ThreadLocal<Parent> CURRENT = new ThreadLocal<>();

  private CurrentTask() {}

  public static Parent get() {
    return CURRENT.get();
  }

  public static void set(Parent parent) {
    if (parent == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(parent);
    }
  }
}
