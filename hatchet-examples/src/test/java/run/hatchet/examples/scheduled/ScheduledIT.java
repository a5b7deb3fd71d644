package run.hatchet.examples.scheduled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetApiException;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.simple.SimpleExample;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.ScheduledRun;
import run.hatchet.features.TaskSummary;
import run.hatchet.worker.Worker;

class ScheduledIT {
  static Hatchet hatchet;
  static Worker worker;
  static ScheduledExample example;
  static String workflowId;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(ScheduledIT.class);
    SimpleExample simple = new SimpleExample(hatchet);
    worker = hatchet.worker("scheduled-worker").register(simple.simple).start();
    example = new ScheduledExample(hatchet);
    workflowId = hatchet.workflows().findByName("simple").orElseThrow().id();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @Test
  void schedulesAreCreatedReadListedMovedAndDeleted() {
    Instant in1h = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    ScheduledRun a = example.create("simple", in1h);
    ScheduledRun b = example.create("simple", in1h);

    ScheduledRun read = example.get(a.id());
    assertThat(read.triggerAt()).isEqualTo(in1h);
    assertThat(read.input().path("data").asText()).isEqualTo("simple-workflow-data");
    assertThat(read.additionalMetadata()).containsEntry("customer_id", "customer-a");
    assertThat(example.listForCustomerA(workflowId)).extracting(ScheduledRun::id).contains(a.id(), b.id());

    assertThat(example.reschedule(a.id(), in1h.plus(1, ChronoUnit.HOURS)).triggerAt()).isEqualTo(in1h.plus(1, ChronoUnit.HOURS));
    assertThat(example.bulkReschedule(Map.of(a.id(), in1h.plus(2, ChronoUnit.HOURS))).ok()).isTrue();
    assertThat(example.get(a.id()).triggerAt()).isEqualTo(in1h.plus(2, ChronoUnit.HOURS));

    example.delete(b.id());
    assertThatThrownBy(() -> example.get(b.id())).isInstanceOf(HatchetApiException.class);
    assertThat(example.bulkDelete(List.of(a.id())).ok()).isTrue();

    ScheduledRun c = example.create("simple", in1h);
    assertThat(example.bulkDeleteForCustomerA(workflowId).ok()).isTrue();
    assertThatThrownBy(() -> example.get(c.id())).isInstanceOf(HatchetApiException.class);
    assertThat(example.listForCustomerA(workflowId)).isEmpty();
  }

  @Test
  void aScheduleFiresAtItsTime() {
    Instant since = Instant.now().minusSeconds(5);
    ScheduledRun s = example.create("simple", Instant.now().plusSeconds(2));
    long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    List<TaskSummary> runs = List.of();
    while (runs.isEmpty() && System.nanoTime() < end) {
      EngineSupport.sleep(1_000);
      runs = hatchet.runs().list(RunFilter.create().since(since).workflowIds(workflowId)
          .metadata("customer_id", "customer-a").statuses(RunStatus.COMPLETED).includePayloads(true), 0, 100).items();
    }
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).output().path("result").asText()).isEqualTo("Hello, world!");
    assertThatThrownBy(() -> example.get(s.id())).isInstanceOf(HatchetApiException.class);
  }
}
