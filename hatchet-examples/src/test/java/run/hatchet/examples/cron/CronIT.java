package run.hatchet.examples.cron;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.cron.CronExample.Greeting;
import run.hatchet.internal.rest.RestClient;
import run.hatchet.worker.Worker;

/** The crons the workflows declare, as the engine lists them, and what their runs return. */
class CronIT {
  static Hatchet hatchet;
  static Worker worker;
  static CronExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(CronIT.class);
    example = new CronExample(hatchet);
    worker = hatchet.worker("cron-input-worker").register(example.cronWorkflow, example.cronInputExampleSendGreeting).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, null);
    if (hatchet != null) {
      // the crons would keep firing: remove the workflows
      for (String name : List.of("CronWorkflow", "cron_input_example_send_greeting")) {
        try {
          hatchet.workflows().delete(EngineSupport.workflowId(hatchet, name));
        } catch (RuntimeException | AssertionError ignored) {
          // not registered
        }
      }
      hatchet.close();
    }
  }

  static List<JsonNode> crons(String workflowName) {
    List<JsonNode> out = new ArrayList<>();
    hatchet.core().rest().get("/api/v1/tenants/" + hatchet.config().tenantId() + "/workflows/crons"
        + RestClient.query(Map.of("workflowId", EngineSupport.workflowId(hatchet, workflowName)))).path("rows").forEach(out::add);
    return out;
  }

  /** Starts a run of the cron right away (as the dashboard's "trigger now" does); returns the run id. */
  static String trigger(JsonNode cron) {
    return hatchet.core().rest().post("/api/v1/tenants/" + hatchet.config().tenantId() + "/workflows/crons/"
        + cron.path("metadata").path("id").asText(), Map.of()).path("externalId").asText();
  }

  @Test
  void aCronRunGetsTheDeclaredCronInput() {
    List<JsonNode> crons = crons("cron_input_example_send_greeting");
    assertThat(crons).hasSize(1);
    assertThat(crons.get(0).path("cron").asText()).isEqualTo("0 0 * 1 0");
    Greeting g = example.cronInputExampleSendGreeting.attach(trigger(crons.get(0))).result(Duration.ofSeconds(60));
    assertThat(g).isEqualTo(new Greeting("Hello, Hatchet!"));
  }

  @Test
  void theEveryMinuteCronIsRegisteredAndItsRunsComplete() {
    List<JsonNode> crons = crons("CronWorkflow");
    assertThat(crons).hasSize(1);
    assertThat(crons.get(0).path("cron").asText()).isEqualTo("* * * * *");
    WorkflowResult r = example.cronWorkflow.attach(trigger(crons.get(0))).result(Duration.ofSeconds(60));
    assertThat(r.outputJson("step1")).isEqualTo("{\"time\":\"step1\"}");
  }
}
