package run.hatchet.examples.dependencyinjection;

import static org.assertj.core.api.Assertions.assertThat;
import static run.hatchet.examples.dependencyinjection.DependencyInjectionExample.ASYNC_CM_DEPENDENCY_VALUE;
import static run.hatchet.examples.dependencyinjection.DependencyInjectionExample.ASYNC_DEPENDENCY_VALUE;
import static run.hatchet.examples.dependencyinjection.DependencyInjectionExample.CHAINED_ASYNC_CM_VALUE;
import static run.hatchet.examples.dependencyinjection.DependencyInjectionExample.CHAINED_CM_VALUE;
import static run.hatchet.examples.dependencyinjection.DependencyInjectionExample.SYNC_CM_DEPENDENCY_VALUE;
import static run.hatchet.examples.dependencyinjection.DependencyInjectionExample.SYNC_DEPENDENCY_VALUE;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.dependencyinjection.DependencyInjectionExample.DefaultDependencies;
import run.hatchet.examples.dependencyinjection.DependencyInjectionExample.Output;
import run.hatchet.worker.Worker;

class DependencyInjectionIT {
  static final Output EXPECTED = new Output(SYNC_DEPENDENCY_VALUE, ASYNC_DEPENDENCY_VALUE,
      ASYNC_CM_DEPENDENCY_VALUE + "_" + ASYNC_DEPENDENCY_VALUE, SYNC_CM_DEPENDENCY_VALUE + "_" + SYNC_DEPENDENCY_VALUE,
      "chained_" + CHAINED_CM_VALUE, "chained_" + CHAINED_ASYNC_CM_VALUE);

  static Hatchet hatchet;
  static Worker worker;
  static DependencyInjectionExample example;
  static DefaultDependencies deps = new DefaultDependencies();

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(DependencyInjectionIT.class);
    example = new DependencyInjectionExample(hatchet, deps);
    worker = hatchet.worker("di-worker")
        .register(example.asyncTaskWithDependencies, example.syncTaskWithDependencies, example.diWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void standaloneTasksGetEveryDependency() {
    for (var task : List.of(example.asyncTaskWithDependencies, example.syncTaskWithDependencies)) {
      assertThat(task.run(new EmptyModel())).as(task.name()).isEqualTo(EXPECTED);
    }
    assertThat(deps.openResources()).as("per-run resources still open").isZero();
  }

  @Test
  void workflowTasksGetEveryDependency() {
    WorkflowResult r = example.diWorkflow.run(new EmptyModel());
    assertThat(r.taskNames()).hasSize(2);
    assertThat(r.output(example.wfAsyncTaskWithDependencies)).isEqualTo(EXPECTED);
    assertThat(r.output(example.wfSyncTaskWithDependencies)).isEqualTo(EXPECTED);
    assertThat(r.outputJson("wf_sync_task_with_dependencies")).contains("\"chained_async_dep\":\"chained_chained_async_cm_value\"");
    assertThat(deps.openResources()).isZero();
  }
}
