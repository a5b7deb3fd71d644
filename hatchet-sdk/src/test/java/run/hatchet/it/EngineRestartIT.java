package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/**
 * Stops and restarts the local engine (scripts/engine) under a running worker: the worker must come
 * back on its own, and queued work must complete exactly once.
 */
class EngineRestartIT {
  record Num(int n) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Num, Num> work;
  static final Map<Integer, AtomicInteger> executions = new ConcurrentHashMap<>();
  static String script;

  @BeforeAll
  static void start() {
    Engine.require();
    script = System.getenv("HATCHET_ENGINE_SCRIPT");
    Assumptions.assumeTrue(script != null,
        "needs the local engine started by scripts/test (HATCHET_ENGINE_SCRIPT) to restart it");
    hatchet = Engine.client(EngineRestartIT.class);
    work = hatchet.task("restart-work", Num.class, Num.class, (in, ctx) -> {
      executions.computeIfAbsent(in.n(), k -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(1_000);
      return new Num(in.n());
    }, o -> o.executionTimeout(Duration.ofMinutes(5)));
    worker = hatchet.worker("restart").slots(2).healthcheck(0).register(work).start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(10));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  static void engine(String command) throws Exception {
    Process p = new ProcessBuilder(script, command).inheritIO().start();
    assertThat(p.waitFor()).as("scripts/engine " + command).isZero();
  }

  static int health() {
    try {
      return HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.healthPort() + "/health"))
              .timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  static void awaitHealth(int code, Duration timeout) {
    long end = System.nanoTime() + timeout.toNanos();
    while (health() != code && System.nanoTime() < end) {
      Engine.sleep(250);
    }
    assertThat(health()).as("worker /health").isEqualTo(code);
  }

  @Test
  void workerSurvivesRestartsAndQueuedRunsCompleteExactlyOnce() throws Exception {
    awaitHealth(200, Duration.ofSeconds(30));

    // 1. restart while idle
    engine("stop-engine");
    awaitHealth(503, Duration.ofSeconds(30));
    engine("start-engine");
    awaitHealth(200, Duration.ofSeconds(120));
    assertThat(work.run(new Num(-1)).n()).isEqualTo(-1);

    // 2. restart with 20 runs queued behind a 2-slot worker
    List<RunRef<Num>> refs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      refs.add(work.runNoWait(new Num(i)));
    }
    Engine.sleep(1_500);
    engine("stop-engine");
    Engine.sleep(2_000);
    engine("start-engine");
    for (int i = 0; i < 20; i++) {
      assertThat(refs.get(i).result(Duration.ofMinutes(4)).n()).isEqualTo(i);
    }
    for (int i = 0; i < 20; i++) {
      assertThat(executions.get(i)).as("executions of run %d", i).hasValue(1);
      Engine.awaitStatus(hatchet, refs.get(i).id(), "COMPLETED");
    }
  }
}
