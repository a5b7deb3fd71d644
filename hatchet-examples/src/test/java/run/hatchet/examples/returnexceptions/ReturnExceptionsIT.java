package run.hatchet.examples.returnexceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOutcome;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.returnexceptions.ReturnExceptionsExample.Input;
import run.hatchet.examples.returnexceptions.ReturnExceptionsExample.Message;
import run.hatchet.worker.Worker;

class ReturnExceptionsIT {
  static Hatchet hatchet;
  static Worker worker;
  static ReturnExceptionsExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ReturnExceptionsIT.class);
    example = new ReturnExceptionsExample(hatchet);
    worker = hatchet.worker("return-exceptions-worker")
        .register(example.returnExceptionsTask, example.exceptionParsingWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void failuresComeBackInPlaceOfTheirResults() {
    List<BulkRun<Input>> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(BulkRun.of(new Input(i)));
    }
    List<RunOutcome<Message>> results = example.returnExceptionsTask.runManyOutcomes(items);
    assertThat(results).hasSize(10);
    for (int i = 0; i < 10; i++) {
      if (i % 2 == 0) {
        assertThat(results.get(i).isSuccess()).isFalse();
        assertThat(results.get(i).error()).hasMessageContaining("error in task with index " + i);
      } else {
        assertThat(results.get(i).value()).isEqualTo(new Message("this is a successful task."));
      }
    }
  }

  @Test
  void everyOddFailureStillArrivesWithAReadableError() {
    RunFailedException e = catchThrowableOfType(RunFailedException.class,
        () -> example.exceptionParsingWorkflow.run(new EmptyModel()));
    assertThat(e).isNotNull();
    assertThat(e.taskErrors()).hasSize(5);
    e.taskErrors().forEach((task, error) -> assertThat(error).as("error of %s", task).isNotBlank());
    assertThat(e.taskErrors().get("exception_instance_truthy_arg_task")).contains("Oh no!");
    assertThat(e.getMessage()).isNotBlank();
  }
}
