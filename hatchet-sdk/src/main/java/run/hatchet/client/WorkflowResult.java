package run.hatchet.client;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import run.hatchet.HatchetException;
import run.hatchet.definition.TaskRef;
import run.hatchet.serde.Serializer;

/** The outputs of a finished workflow run, keyed by task name. */
public final class WorkflowResult {
  private final String runId;
  private final Map<String, String> outputs;
  private final Serializer serializer;

  public WorkflowResult(String runId, Map<String, String> outputs, Serializer serializer) {
    this.runId = runId;
    this.outputs = Collections.unmodifiableMap(outputs);
    this.serializer = serializer;
  }

  public String runId() {
    return runId;
  }

  /** Names of the tasks that produced output. */
  public Set<String> taskNames() {
    return outputs.keySet();
  }

  /** The task's output as JSON text. */
  public String outputJson(String taskName) {
    String json = outputs.get(taskName);
    if (json == null) {
      throw new HatchetException("run " + runId + " has no output for task '" + taskName + "' (tasks: " + outputs.keySet() + ")");
    }
    return json;
  }

  /** The task's output bound to its declared type. */
  public <O> O output(TaskRef<O> task) {
    return serializer.fromJson(outputJson(task.name()), task.outputType());
  }

  /** The task's output bound to {@code type}. */
  public <O> O output(String taskName, Class<O> type) {
    return serializer.fromJson(outputJson(taskName), type);
  }

  /** The task's output bound to {@code type}. */
  public <O> O output(String taskName, Type type) {
    return serializer.fromJson(outputJson(taskName), type);
  }

  /** All outputs as JSON text. */
  public Map<String, String> outputsJson() {
    return outputs;
  }

  @Override
  public String toString() {
    return "WorkflowResult{runId=" + runId + ", outputs=" + outputs + "}";
  }
}
