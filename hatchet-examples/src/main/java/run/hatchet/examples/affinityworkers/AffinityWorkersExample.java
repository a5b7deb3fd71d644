package run.hatchet.examples.affinityworkers;

import java.util.List;
import java.util.Map;
import run.hatchet.Hatchet;
import run.hatchet.definition.DesiredLabel;
import run.hatchet.definition.Definition;
import run.hatchet.definition.LabelComparator;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Worker affinity: workers carry labels, tasks state the labels they want. A required label rules out
 * every worker without it; a preferred one only adds its weight to a worker's score. Integer labels can
 * be compared: the engine reads {@code LESS_THAN 256} as "the worker's value is below 256". A task can
 * also change its worker's labels, e.g. after loading another model.
 */
public final class AffinityWorkersExample implements Example {

  /** Labels of a worker this example's task can run on. */
  public static final Map<String, Object> WORKER_LABELS = Map.of("model", "fancy-ai-model-v2", "memory", 128);

  /** {@code {"worker": "<worker id>"}}. */
  public record WorkerOutput(String worker) {}

  public final Workflow<EmptyModel> affinityWorkerWorkflow;
  public final TaskRef<WorkerOutput> step;

  public AffinityWorkersExample(Hatchet hatchet) {
    affinityWorkerWorkflow = hatchet.workflow("AffinityWorkflow", EmptyModel.class);
    step = affinityWorkerWorkflow.task("step", WorkerOutput.class, (input, ctx) -> {
      if (!"fancy-ai-model-v2".equals(ctx.workerLabels().get("model"))) {
        ctx.upsertWorkerLabels(Map.of("model", "unset"));
        // evict the old model and load the new one here
        ctx.upsertWorkerLabels(Map.of("model", "fancy-ai-model-v2"));
      }
      return new WorkerOutput(ctx.workerId());
    }, o -> o
        .desiredLabel("model", DesiredLabel.preferred("fancy-ai-model-v2", 10))
        .desiredLabel("memory", DesiredLabel.required(256).comparator(LabelComparator.LESS_THAN)));
  }

  @Override
  public String name() {
    return "affinity_workers";
  }

  @Override
  public Map<String, Object> workerLabels() {
    return WORKER_LABELS;
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(affinityWorkerWorkflow);
  }
}
