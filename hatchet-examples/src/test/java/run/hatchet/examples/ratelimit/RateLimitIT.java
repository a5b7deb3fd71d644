package run.hatchet.examples.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.EngineSupport;
import run.hatchet.examples.ratelimit.RateLimitExample.RateLimitInput;
import run.hatchet.internal.proto.PutRateLimitRequest;
import run.hatchet.internal.proto.RateLimitDuration;
import run.hatchet.worker.Worker;

class RateLimitIT {
  static Hatchet hatchet;
  static Worker worker;
  static RateLimitExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(RateLimitIT.class);
    // the limit's size: 2 units per second (the SDK's rate-limit client is not there yet: the engine's RPC)
    hatchet.core().transport().unary("WorkflowService.PutRateLimit", hatchet.core().transport().workflows(),
        s -> s.putRateLimit(PutRateLimitRequest.newBuilder().setKey(RateLimitExample.RATE_LIMIT_KEY).setLimit(2)
            .setDuration(RateLimitDuration.SECOND).build()));
    example = new RateLimitExample(hatchet);
    worker = hatchet.worker("rate-limit-worker").slots(10).register(example.rateLimitWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  /** Start times of one task across the runs with this metadata, in order. */
  static List<Instant> starts(String testRunId, String task, int expected) {
    List<JsonNode> runs = EngineSupport.awaitRuns(hatchet,
        Map.of("additional_metadata", "test_run_id:" + testRunId, "only_tasks", true),
        rows -> rows.stream().filter(r -> r.path("displayName").asText().startsWith(task + "-")
            && r.path("status").asText().equals("COMPLETED")).count() == expected, Duration.ofSeconds(60));
    List<Instant> out = new ArrayList<>();
    runs.stream().filter(r -> r.path("displayName").asText().startsWith(task + "-"))
        .forEach(r -> out.add(EngineSupport.time(r, "startedAt")));
    out.sort(Comparator.naturalOrder());
    return out;
  }

  @Test
  void theStaticLimitLetsTwoRunsStartPerSecond() {
    String testRunId = UUID.randomUUID().toString();
    List<RunRef<WorkflowResult>> refs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      refs.add(example.rateLimitWorkflow.runNoWait(new RateLimitInput("user-" + i + "-" + testRunId),
          RunOptions.create().metadata("test_run_id", testRunId)));
    }
    for (RunRef<WorkflowResult> ref : refs) {
      ref.result(Duration.ofSeconds(60));
    }
    List<Instant> starts = starts(testRunId, "step_1", 8);
    // 8 units at 2 per second: at least 3 seconds between the first and the last start
    assertThat(Duration.between(starts.get(0), starts.get(7))).isGreaterThanOrEqualTo(Duration.ofMillis(2_500));
  }

  @Test
  void theDynamicLimitAllowsTenRunsPerMinuteForEachUser() {
    String testRunId = UUID.randomUUID().toString();
    String user = "user-" + testRunId;
    List<RunRef<WorkflowResult>> refs = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      refs.add(example.rateLimitWorkflow.runNoWait(new RateLimitInput(user), RunOptions.create().metadata("test_run_id", testRunId)));
    }
    // ten runs of this user get through; the eleventh waits for the next minute's units
    long end = System.currentTimeMillis() + 60_000;
    while (refs.stream().filter(r -> r.resultAsync().isDone()).count() < 10 && System.currentTimeMillis() < end) {
      EngineSupport.sleep(200);
    }
    EngineSupport.sleep(3_000);
    List<String> waiting = new ArrayList<>();
    for (RunRef<WorkflowResult> ref : refs) {
      if (ref.resultAsync().isDone()) {
        ref.result(); // completed, not failed
      } else {
        waiting.add(ref.id());
      }
    }
    assertThat(waiting).hasSize(1);
    assertThat(EngineSupport.runStatus(hatchet, waiting.get(0))).isIn("QUEUED", "RUNNING");
    // a different user is not held back by this user's limit
    example.rateLimitWorkflow.runNoWait(new RateLimitInput("other-" + testRunId)).result(Duration.ofSeconds(30));
    hatchet.runs().cancel(waiting);
  }
}
