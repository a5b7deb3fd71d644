package run.hatchet.examples.simple;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.RunOutcome;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.simple.SimpleExample.Result;
import run.hatchet.worker.Worker;

class SimpleIT {
  static Hatchet hatchet;
  static Worker worker;
  static SimpleExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(SimpleIT.class);
    example = new SimpleExample(hatchet);
    worker = hatchet.worker("test-worker").register(example.simple).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void everyWayOfRunningTheTaskReturnsHelloWorld() {
    Task<EmptyModel, Result> simple = example.simple;
    List<Result> results = new ArrayList<>();
    results.add(simple.run(new EmptyModel()));
    results.add(simple.runNoWait(new EmptyModel()).result());
    results.add(simple.runNoWait(new EmptyModel()).resultAsync().join());
    results.add(simple.runMany(List.of(new EmptyModel())).get(0));
    for (RunRef<Result> ref : simple.runManyNoWait(List.of(BulkRun.of(new EmptyModel())))) {
      results.add(ref.result(Duration.ofSeconds(60)));
    }
    for (RunOutcome<Result> o : simple.runManyOutcomes(List.of(BulkRun.of(new EmptyModel())))) {
      results.add(o.value());
    }
    assertThat(results).hasSize(6).allSatisfy(r -> assertThat(r).isEqualTo(new Result("Hello, world!")));
  }

  @Test
  void otherSdksSeeTheSameJsonWhenTheyRunItByName() {
    JsonNode out = Task.stub(hatchet.core(), "simple", EmptyModel.class, JsonNode.class).run(new EmptyModel());
    assertThat(out.toString()).isEqualTo("{\"result\":\"Hello, world!\"}");
  }
}
