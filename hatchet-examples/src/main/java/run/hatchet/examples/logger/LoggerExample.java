package run.hatchet.examples.logger;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Logging from tasks. {@code ctx.log} sends a line to the engine, where it is stored with the task run
 * (the dashboard and the logs API show it). Ordinary SLF4J logging stays in the worker's own log; while a
 * task runs, the SDK puts its ids in the MDC ({@code hatchet.workflowRunId}, {@code hatchet.taskRunId},
 * {@code hatchet.taskName}), so log lines can be traced back to runs.
 */
public final class LoggerExample implements Example {
  private static final Logger log = LoggerFactory.getLogger(LoggerExample.class);

  /** {@code {"status": "success"}}. */
  public record Status(String status) {}

  public final Workflow<EmptyModel> loggingWorkflow;
  public final TaskRef<Status> rootLogger;
  public final TaskRef<Status> contextLogger;

  public LoggerExample(Hatchet hatchet) {
    loggingWorkflow = hatchet.workflow("LoggingWorkflow", EmptyModel.class);

    // the application's logger: lines go wherever SLF4J is configured to write
    rootLogger = loggingWorkflow.task("root_logger", Status.class, (input, ctx) -> {
      for (int i = 0; i < 12; i++) {
        log.info("executed step1 - {}", i);
        log.info("{\"step1\": \"step1\"}");
        Thread.sleep(100);
      }
      return new Status("success");
    });

    // the task's context: lines are stored by the engine with this task run
    contextLogger = loggingWorkflow.task("context_logger", Status.class, (input, ctx) -> {
      for (int i = 0; i < 12; i++) {
        ctx.log("executed step1 - " + i);
        ctx.log("{\"step1\": \"step1\"}");
        Thread.sleep(100);
      }
      return new Status("success");
    });
  }

  @Override
  public String name() {
    return "logger";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(loggingWorkflow);
  }
}
