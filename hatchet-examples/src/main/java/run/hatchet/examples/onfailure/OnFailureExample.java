package run.hatchet.examples.onfailure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * An on-failure task runs once when a task of the run has failed, e.g. to clean up or to notify
 * someone; {@code ctx.taskRunErrors()} maps each failed task's name to its error.
 *
 * <p>Upstream's {@code details_on_failure} also returns the failed task's run id, which the Python SDK
 * embeds in its error texts; the Java SDK reports plain errors, so that field is left out here.
 */
public final class OnFailureExample implements Example {

  public static final String ERROR_TEXT = "step1 failed";

  /** {@code {"status": "success"}}. */
  public record Status(String status) {}

  public final Workflow<EmptyModel> onFailureWf;
  public final TaskRef<Void> step1;
  public final TaskRef<Status> onFailure;

  public final Workflow<EmptyModel> onFailureWfWithDetails;
  public final TaskRef<Void> detailsStep1;
  public final TaskRef<Status> detailsOnFailure;

  public OnFailureExample(Hatchet hatchet) {
    onFailureWf = hatchet.workflow("OnFailureWorkflow", EmptyModel.class);
    step1 = onFailureWf.task("step1", Void.class, (input, ctx) -> {
      throw new IllegalStateException(ERROR_TEXT);
    }, o -> o.executionTimeout(Duration.ofSeconds(1)));
    onFailure = onFailureWf.onFailure("on_failure", Status.class, (input, ctx) -> {
      ctx.log("errors of the failed tasks: " + ctx.taskRunErrors());
      return new Status("success");
    });

    onFailureWfWithDetails = hatchet.workflow("OnFailureWorkflowWithDetails", EmptyModel.class);
    detailsStep1 = onFailureWfWithDetails.task("details_step1", Void.class, (input, ctx) -> {
      throw new IllegalStateException(ERROR_TEXT);
    }, o -> o.executionTimeout(Duration.ofSeconds(1)));
    detailsOnFailure = onFailureWfWithDetails.onFailure("details_on_failure", Status.class, (input, ctx) -> {
      Map<String, String> errors = ctx.taskRunErrors();
      String error = errors.get(detailsStep1.name());
      if (error == null) {
        return new Status("unexpected success");
      }
      if (error.contains(ERROR_TEXT)) {
        return new Status("success");
      }
      throw new IllegalStateException("unexpected failure: " + error);
    });
  }

  @Override
  public String name() {
    return "on_failure";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(onFailureWf, onFailureWfWithDetails);
  }
}
