package run.hatchet.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetApiException;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.ClientConfigTest;
import run.hatchet.config.TlsStrategy;

/** Requests the feature clients send and how answers and errors are read, against a fake REST server. */
class FeatureRequestsTest {
  record Req(String method, String path, String query, JsonNode body, String auth) {}

  record Resp(int status, String body) {}

  static final ObjectMapper M = new ObjectMapper();
  static final String TENANT = "11111111-2222-3333-4444-555555555555";
  static final String TOKEN = ClientConfigTest.token("{\"sub\":\"" + TENANT + "\",\"exp\":4102444800}");

  HttpServer server;
  Hatchet hatchet;
  final List<Req> requests = new CopyOnWriteArrayList<>();
  final Deque<Resp> answers = new ArrayDeque<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      byte[] in = ex.getRequestBody().readAllBytes();
      JsonNode body = in.length == 0 ? null : M.readTree(in);
      String q = ex.getRequestURI().getRawQuery();
      requests.add(new Req(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
          q == null ? "" : URLDecoder.decode(q, StandardCharsets.UTF_8), body, ex.getRequestHeaders().getFirst("Authorization")));
      Resp r;
      synchronized (answers) {
        r = answers.isEmpty() ? new Resp(200, "{}") : answers.poll();
      }
      byte[] out = r.body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(r.status, r.status == 204 ? -1 : out.length);
      if (r.status != 204) {
        try (OutputStream os = ex.getResponseBody()) {
          os.write(out);
        }
      }
      ex.close();
    });
    server.start();
    ClientConfig config = ClientConfig.builder().environment(Map.of()).token(TOKEN)
        .serverUrl("http://127.0.0.1:" + server.getAddress().getPort()).hostPort("127.0.0.1:1")
        .tlsStrategy(TlsStrategy.NONE).namespace("Team").build();
    hatchet = Hatchet.builder().config(config).build();
  }

  @AfterEach
  void stop() {
    hatchet.close();
    server.stop(0);
  }

  void answer(int status, String body) {
    synchronized (answers) {
      answers.add(new Resp(status, body));
    }
  }

  Req last() {
    return requests.get(requests.size() - 1);
  }

  @Test
  void runsListSendsTheFilterAndReadsRows() {
    answer(200, "{\"pagination\":{\"current_page\":1,\"next_page\":2,\"num_pages\":1},\"rows\":[{\"metadata\":{\"id\":\"r1\"},"
        + "\"taskExternalId\":\"r1\",\"workflowRunExternalId\":\"r1\",\"status\":\"FAILED\",\"type\":\"TASK\",\"retryCount\":2,"
        + "\"attempt\":3,\"createdAt\":\"2026-01-01T00:00:00.5Z\",\"additionalMetadata\":{\"k\":\"v\"},\"output\":{}}]}");
    Page<TaskSummary> p = hatchet.runs().list(RunFilter.create().since(Instant.parse("2026-01-01T00:00:00Z"))
        .statuses(RunStatus.FAILED).metadata("k", "v"), 0, 20);
    Req r = last();
    assertThat(r.method).isEqualTo("GET");
    assertThat(r.path).isEqualTo("/api/v1/stable/tenants/" + TENANT + "/workflow-runs");
    assertThat(r.query).contains("since=2026-01-01T00:00:00Z", "statuses=FAILED", "additional_metadata=k:v", "limit=20");
    assertThat(r.auth).isEqualTo("Bearer " + TOKEN);
    TaskSummary t = p.items().get(0);
    assertThat(t.status()).isEqualTo(RunStatus.FAILED);
    assertThat(t.retryCount()).isEqualTo(2);
    assertThat(t.attempt()).isEqualTo(3);
    assertThat(t.dag()).isFalse();
    assertThat(t.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.5Z"));
    assertThat(t.additionalMetadata()).containsEntry("k", "v");
    assertThat(p.hasMore()).isFalse();
  }

  @Test
  void runDetailsUnwrapTheEnginesTaskPayload() {
    answer(200, "{\"run\":{\"metadata\":{\"id\":\"w1\",\"createdAt\":\"2026-01-01T00:00:00Z\"},\"status\":\"COMPLETED\","
        + "\"input\":{\"input\":{\"n\":7},\"parents\":{},\"triggers\":{},\"triggered_by\":\"manual\"},\"output\":{\"n\":7}},"
        + "\"tasks\":[{\"metadata\":{\"id\":\"t1\"},\"taskExternalId\":\"t1\",\"displayName\":\"step-123\","
        + "\"status\":\"RUNNING\",\"input\":{\"input\":{\"n\":7},\"parents\":{\"a\":{}},\"triggers\":{}}}]}");
    RunDetails d = hatchet.runs().get("w1");
    assertThat(last().path).isEqualTo("/api/v1/stable/workflow-runs/w1");
    assertThat(d.input().toString()).isEqualTo("{\"n\":7}");
    assertThat(d.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(d.tasks().get(0).input().toString()).isEqualTo("{\"n\":7}");
    assertThat(d.tasks().get(0).raw().path("input").path("parents").has("a")).isTrue();
    assertThat(d.task("step")).isPresent();
    assertThat(d.task("ste")).isEmpty();
    // a user input that merely has an "input" field is left alone
    answer(200, "{\"metadata\":{\"id\":\"t2\"},\"status\":\"QUEUED\",\"input\":{\"input\":1,\"other\":2}}");
    assertThat(hatchet.runs().getTask("t2").input().toString()).isEqualTo("{\"input\":1,\"other\":2}");
    answer(200, "\"CANCELLED\"");
    assertThat(hatchet.runs().status("w1")).isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void bulkCancelAndReplayBodies() {
    answer(200, "{\"ids\":[\"a\",\"b\"]}");
    assertThat(hatchet.runs().cancel(List.of("a", "b"))).containsExactly("a", "b");
    assertThat(last().path).isEqualTo("/api/v1/stable/tenants/" + TENANT + "/tasks/cancel");
    assertThat(last().body.toString()).isEqualTo("{\"externalIds\":[\"a\",\"b\"]}");
    answer(200, "{\"ids\":[]}");
    hatchet.runs().replay(RunFilter.create().since(Instant.parse("2026-01-01T00:00:00Z")).workflowIds("w"));
    assertThat(last().path).endsWith("/tasks/replay");
    assertThat(last().body.toString())
        .isEqualTo("{\"filter\":{\"since\":\"2026-01-01T00:00:00Z\",\"workflowIds\":[\"w\"]}}");
  }

  @Test
  void namesAreNamespacedButIdsAreNot() {
    answer(200, "{\"metadata\":{\"id\":\"c1\"},\"cron\":\"* * * * *\",\"enabled\":true}");
    CronTrigger c = hatchet.crons().create("nightly", "every-minute", "* * * * *", Map.of("a", 1), Map.of("m", "x"), 2);
    assertThat(last().path).isEqualTo("/api/v1/tenants/" + TENANT + "/workflows/team_nightly/crons");
    assertThat(last().body.toString()).isEqualTo("{\"cronName\":\"every-minute\",\"cronExpression\":\"* * * * *\","
        + "\"input\":{\"a\":1},\"additionalMetadata\":{\"m\":\"x\"},\"priority\":2}");
    assertThat(c.id()).isEqualTo("c1");
    assertThat(c.enabled()).isTrue();

    hatchet.crons().list(CronQuery.create().workflowName("nightly").workflowId("wid"), 0, 5);
    assertThat(last().query).contains("workflowName=team_nightly", "workflowId=wid");

    answer(204, "");
    hatchet.crons().disable("c1");
    assertThat(last().method).isEqualTo("PATCH");
    assertThat(last().path).endsWith("/workflows/crons/c1");
    assertThat(last().body.toString()).isEqualTo("{\"enabled\":false}");

    answer(200, "{\"externalId\":\"run-1\"}");
    assertThat(hatchet.crons().triggerNow("c1")).isEqualTo("run-1");
    assertThat(last().method).isEqualTo("POST");

    hatchet.scheduled().create("nightly", Instant.parse("2030-01-01T00:00:00Z"), null);
    assertThat(last().path).endsWith("/workflows/team_nightly/scheduled");
    assertThat(last().body.toString())
        .isEqualTo("{\"triggerAt\":\"2030-01-01T00:00:00Z\",\"input\":{},\"additionalMetadata\":{}}");

    hatchet.events().list(EventQuery.create().keys("order:created"), 0, 10);
    assertThat(last().query).contains("keys=team_order:created");

    hatchet.workflows().list("pipeline", 0, 10);
    assertThat(last().query).contains("name=team_pipeline");
  }

  @Test
  void scheduledBulkOperationsAndResults() {
    answer(200, "{\"updatedIds\":[\"s1\"],\"errors\":[{\"id\":\"s2\",\"error\":\"not found\"}]}");
    Map<String, Instant> moves = new LinkedHashMap<>();
    moves.put("s1", Instant.parse("2030-01-01T00:00:00Z"));
    moves.put("s2", Instant.parse("2030-01-02T00:00:00Z"));
    BulkResult r = hatchet.scheduled().bulkUpdate(moves);
    assertThat(last().body.toString()).isEqualTo("{\"updates\":[{\"id\":\"s1\",\"triggerAt\":\"2030-01-01T00:00:00Z\"},"
        + "{\"id\":\"s2\",\"triggerAt\":\"2030-01-02T00:00:00Z\"}]}");
    assertThat(r.ids()).containsExactly("s1");
    assertThat(r.errors()).containsEntry("s2", "not found");
    assertThat(r.ok()).isFalse();

    answer(200, "{\"deletedIds\":[],\"errors\":[]}");
    hatchet.scheduled().bulkDelete(ScheduledQuery.create().workflowId("w").metadata("k", "v"));
    assertThat(last().body.toString()).isEqualTo("{\"filter\":{\"workflowId\":\"w\",\"additionalMetadata\":[\"k:v\"]}}");
    assertThatThrownBy(() -> hatchet.scheduled().bulkDelete(ScheduledQuery.create()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pauseBodyAndDurations() {
    hatchet.workflows().pause("w1", Duration.ofMinutes(90), WorkflowsClient.PausedRunBehavior.DROP,
        WorkflowsClient.PausedRunBehavior.QUEUE);
    assertThat(last().method).isEqualTo("PATCH");
    assertThat(last().path).isEqualTo("/api/v1/workflows/w1");
    assertThat(last().body.toString()).isEqualTo("{\"pause\":{\"action\":\"pause\",\"pausedWorkflowCronRunQueueBehavior\":\"DROP\","
        + "\"pausedWorkflowScheduledRunQueueBehavior\":\"QUEUE\",\"pausedWorkflowQueueTTL\":\"90m\"}}");
    hatchet.workflows().unpause("w1");
    assertThat(last().body.toString()).isEqualTo("{\"pause\":{\"action\":\"unpause\"}}");
    assertThat(WorkflowsClient.durationExpr(Duration.ofHours(24))).isEqualTo("24h");
    assertThat(WorkflowsClient.durationExpr(Duration.ofSeconds(61))).isEqualTo("61s");
    assertThatThrownBy(() -> WorkflowsClient.durationExpr(Duration.ofMillis(10))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void logsRateLimitsWebhooksAndCel() {
    answer(200, "{\"rows\":[{\"createdAt\":\"2026-01-01T00:00:00Z\",\"message\":\"hi\",\"level\":\"WARN\",\"metadata\":{}}]}");
    List<LogLine> lines = hatchet.logs().list("t1");
    assertThat(last().path).isEqualTo("/api/v1/stable/tasks/t1/logs");
    assertThat(last().query).isEqualTo("order_by_direction=ASC");
    assertThat(lines).extracting(LogLine::level, LogLine::message).containsExactly(org.assertj.core.groups.Tuple.tuple(LogLevel.WARN, "hi"));
    hatchet.logs().search(LogQuery.create().taskRunIds("t1").levels(LogLevel.ERROR).limit(5));
    assertThat(last().path).isEqualTo("/api/v1/stable/tenants/" + TENANT + "/logs");
    assertThat(last().query).isEqualTo("limit=5&levels=ERROR&taskExternalIds=t1");
    assertThatThrownBy(() -> hatchet.logs().list("t1", LogQuery.create().workflowIds("w")))
        .isInstanceOf(IllegalArgumentException.class);

    answer(204, "");
    hatchet.rateLimits().delete("api calls");
    assertThat(last().method).isEqualTo("DELETE");
    assertThat(last().query).isEqualTo("key=api calls");
    hatchet.rateLimits().list("api", RateLimitsClient.OrderBy.LIMIT, SortDirection.DESC, 0, 10);
    assertThat(last().query).contains("orderByField=limitValue", "orderByDirection=desc");

    hatchet.webhooks().create("gh", WebhooksClient.Source.GITHUB, "input.action", WebhookAuth.apiKey("X-Key", "secret"));
    assertThat(last().body.toString()).isEqualTo("{\"name\":\"gh\",\"sourceName\":\"GITHUB\",\"eventKeyExpression\":\"input.action\","
        + "\"authType\":\"API_KEY\",\"auth\":{\"headerName\":\"X-Key\",\"apiKey\":\"secret\"}}");

    answer(200, "{\"status\":\"ERROR\",\"error\":\"undeclared reference\"}");
    CelResult cel = hatchet.cel().debug("nope == 1", Map.of());
    assertThat(cel.success()).isFalse();
    assertThat(cel.output()).isNull();
    assertThat(cel.error()).contains("undeclared");
  }

  @Test
  void errorsCarryStatusAndEngineMessageButNeverTheToken() {
    answer(404, "{\"message\":\"not found\"}");
    assertThatThrownBy(() -> hatchet.runs().get("nope"))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.isNotFound()).isTrue();
          assertThat(e.engineMessage()).isEqualTo("not found");
          assertThat(e.code()).isEqualTo("HTTP 404");
          assertThat(e.getMessage()).contains("GET /api/v1/stable/workflow-runs/nope").doesNotContain(TOKEN);
        });
    answer(400, "{\"errors\":[{\"description\":\"invalid cron expression\"}]}");
    assertThatThrownBy(() -> hatchet.crons().create("wf", "c", "bad", null))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.engineMessage()).isEqualTo("invalid cron expression");
        });
  }

  @Test
  void idempotentCallsAreRetriedOn5xxAnd429ButPostsAreNot() {
    answer(503, "busy");
    answer(429, "slow down");
    answer(200, "{\"metadata\":{\"id\":\"" + TENANT + "\"},\"name\":\"Default\",\"slug\":\"default\",\"version\":\"V1\"}");
    int before = requests.size();
    TenantInfo t = hatchet.tenant().get();
    assertThat(t.name()).isEqualTo("Default");
    assertThat(t.id()).isEqualTo(TENANT);
    assertThat(requests.size() - before).isEqualTo(3);

    answer(503, "{\"errors\":[{\"description\":\"down\"}]}");
    int beforePost = requests.size();
    assertThatThrownBy(() -> hatchet.runs().cancel("r1"))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(requests.size() - beforePost).isEqualTo(1);
  }
}
