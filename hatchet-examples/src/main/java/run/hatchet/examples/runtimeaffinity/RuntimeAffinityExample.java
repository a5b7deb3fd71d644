package run.hatchet.examples.runtimeaffinity;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;
import run.hatchet.worker.Context;

/**
 * Affinity chosen per run: the trigger names the worker label it needs
 * ({@code RunOptions.desiredLabel("affinity", DesiredLabel.required("foo"))}) and every task of that run,
 * retries included, runs on a worker carrying that label. Each task reports the worker it ran on; tasks
 * fail now and then on their first attempt to show that retries stay on the right worker too.
 */
public final class RuntimeAffinityExample implements Example {

  /** {@code {"worker_id": "<worker id>"}}. */
  public record AffinityResult(@JsonProperty("worker_id") String workerId) {}

  public final Workflow<EmptyModel> runtimeAffinityWorkflow;
  public final List<TaskRef<AffinityResult>> tasks;

  public RuntimeAffinityExample(Hatchet hatchet) {
    runtimeAffinityWorkflow = hatchet.workflow("runtime_affinity_workflow", EmptyModel.class);
    Workflow<EmptyModel> wf = runtimeAffinityWorkflow;

    TaskRef<AffinityResult> validateInput = wf.task("validate_input", AffinityResult.class, (i, c) -> work(c, false),
        o -> o.retries(1));
    TaskRef<AffinityResult> loadSearchScopeMeta = wf.task("load_search_scope_meta", AffinityResult.class,
        (i, c) -> work(c, true), o -> o.parents(validateInput).retries(1));
    TaskRef<AffinityResult> resolveAssessmentType = wf.task("resolve_assessment_type", AffinityResult.class,
        (i, c) -> work(c, true), o -> o.parents(validateInput).retries(1));
    TaskRef<AffinityResult> prepareQueries = wf.task("prepare_queries_and_exceptions", AffinityResult.class,
        (i, c) -> work(c, true), o -> o.parents(resolveAssessmentType, loadSearchScopeMeta).retries(1));
    TaskRef<AffinityResult> retrieveContextChunks = wf.task("retrieve_context_chunks", AffinityResult.class,
        (i, c) -> work(c, true), o -> o.parents(prepareQueries, loadSearchScopeMeta).retries(1));
    TaskRef<AffinityResult> generateLlmAnswer = wf.task("generate_llm_answer", AffinityResult.class,
        (i, c) -> work(c, true), o -> o.parents(prepareQueries, retrieveContextChunks, validateInput).retries(1));
    TaskRef<AffinityResult> postProcess = wf.task("post_process_and_snippets", AffinityResult.class,
        (i, c) -> work(c, true), o -> o.parents(prepareQueries, retrieveContextChunks, generateLlmAnswer).retries(1));

    tasks = List.of(validateInput, loadSearchScopeMeta, resolveAssessmentType, prepareQueries, retrieveContextChunks,
        generateLlmAnswer, postProcess);
  }

  /** A second of work; a quarter of first attempts fail when {@code flaky}. */
  private static AffinityResult work(Context ctx, boolean flaky) throws InterruptedException {
    if (flaky && ctx.attemptNumber() == 1 && ThreadLocalRandom.current().nextDouble() < 0.25) {
      throw new IllegalStateException("Simulated failure in " + ctx.taskName());
    }
    Thread.sleep(1_000);
    return new AffinityResult(ctx.workerId());
  }

  @Override
  public String name() {
    return "runtime_affinity";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(runtimeAffinityWorkflow);
  }
}
