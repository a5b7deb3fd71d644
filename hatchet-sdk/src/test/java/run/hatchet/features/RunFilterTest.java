package run.hatchet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import run.hatchet.internal.rest.RestClient;

class RunFilterTest {
  private static final Instant SINCE = Instant.parse("2026-01-02T03:04:05.123Z");
  private static final Instant UNTIL = Instant.parse("2026-01-03T00:00:00Z");

  @Test
  void listQueryCarriesEveryFilterWithRepeatedKeys() {
    RunFilter f = RunFilter.create().since(SINCE).until(UNTIL)
        .statuses(RunStatus.RUNNING, RunStatus.QUEUED)
        .workflowIds("w1", "w2")
        .metadata("customer", "acme").metadata("tier", "gold").metadataMatch(RunFilter.MetadataMatch.ANY)
        .workerId("wk").onlyTasks(true).parentTaskRunId("p").triggeringEventId("e")
        .running(RunFilter.Running.ON_WORKER).idempotencyKeys("k1").includePayloads(false);
    String q = RestClient.query(f.listQuery(100, 50));
    assertThat(q).isEqualTo("?offset=100&limit=50&since=2026-01-02T03%3A04%3A05.123Z&until=2026-01-03T00%3A00%3A00Z"
        + "&statuses=RUNNING&statuses=QUEUED&workflow_ids=w1&workflow_ids=w2"
        + "&additional_metadata=customer%3Aacme&additional_metadata=tier%3Agold&additional_metadata_operator=OR"
        + "&worker_id=wk&only_tasks=true&parent_task_external_id=p&triggering_event_external_id=e"
        + "&include_payloads=false&running_filter=ON_WORKER&idempotency_keys=k1");
  }

  @Test
  void defaultsToTheLastDayAndLeavesUnsetFiltersOut() {
    Map<String, Object> q = RunFilter.create().listQuery(0, 10);
    Instant since = Instant.parse((String) q.get("since"));
    assertThat(since).isCloseTo(Instant.now().minus(Duration.ofDays(1)), within(5, ChronoUnit.SECONDS));
    String text = RestClient.query(q);
    assertThat(text).doesNotContain("until").doesNotContain("statuses").doesNotContain("workflow_ids")
        .contains("only_tasks=false").contains("include_payloads=true");
  }

  @Test
  void severalMetadataPairsMustAllMatchUnlessAskedOtherwise() {
    assertThat(RunFilter.create().metadata("a", "1").metadata("b", "2").listQuery(0, 1))
        .containsEntry("additional_metadata_operator", "AND");
    assertThat(RunFilter.create().metadata("a", "1").listQuery(0, 1)).doesNotContainKey("additional_metadata_operator");
  }

  @Test
  void untilWithoutSinceMeansTheDayBeforeUntil() {
    assertThat(RunFilter.create().until(UNTIL).effectiveSince()).isEqualTo(UNTIL.minus(Duration.ofDays(1)));
  }

  @Test
  void bulkFilterHasTheEnginesShape() throws Exception {
    ObjectMapper m = new ObjectMapper();
    ObjectNode f = RunFilter.create().since(SINCE).until(UNTIL).statuses(RunStatus.FAILED).workflowIds("w1")
        .metadata("batch", "7").bulkFilter(m, "replaying");
    assertThat(f).isEqualTo(m.readTree("{\"since\":\"2026-01-02T03:04:05.123Z\",\"until\":\"2026-01-03T00:00:00Z\","
        + "\"statuses\":[\"FAILED\"],\"workflowIds\":[\"w1\"],\"additionalMetadata\":[\"batch:7\"]}"));
    assertThat(RunFilter.create().since(SINCE).bulkFilter(m, "x").fieldNames()).toIterable().containsExactly("since");
  }

  @Test
  void bulkFilterRejectsWhatTheEngineWouldIgnore() {
    ObjectMapper m = new ObjectMapper();
    assertThatThrownBy(() -> RunFilter.create().workerId("w").onlyTasks(true).bulkFilter(m, "cancelling"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workerId").hasMessageContaining("onlyTasks").hasMessageContaining("cancelling");
    assertThatThrownBy(() -> RunFilter.create().metadata("a", "1").metadata("b", "2").bulkFilter(m, "cancelling"))
        .hasMessageContaining("metadataMatch(ANY)");
    assertThat(RunFilter.create().metadata("a", "1").metadata("b", "2").metadataMatch(RunFilter.MetadataMatch.ANY)
        .bulkFilter(m, "cancelling").path("additionalMetadata")).hasSize(2);
    assertThatThrownBy(() -> RunFilter.create().metadata("a", "1").metadata("b", "2").idsQuery())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RunFilter.create().running(RunFilter.Running.EVICTED).idsQuery()).containsEntry("running_filter", "EVICTED");
  }

  @Test
  void metricsQueryKeepsOnlyWhatTheEndpointTakes() {
    Map<String, Object> q = RunFilter.create().since(SINCE).workflowIds("w").parentTaskRunId("p")
        .statuses(RunStatus.FAILED).metricsQuery();
    assertThat(q).containsEntry("workflow_ids", List.of("w")).containsEntry("parent_task_external_id", "p")
        .doesNotContainKey("statuses");
  }
}
