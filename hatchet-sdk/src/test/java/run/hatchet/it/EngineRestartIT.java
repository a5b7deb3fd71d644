package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetException;
import run.hatchet.HatchetRpcException;
import run.hatchet.client.PushedEvent;
import run.hatchet.client.RunRef;
import run.hatchet.client.RunStream;
import run.hatchet.definition.Task;
import run.hatchet.features.EventInfo;
import run.hatchet.features.EventQuery;
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
  /** Streams hellos until {@link #heard} opens, then waits for {@link #finish}. */
  static Task<Num, Num> talker;
  static final CountDownLatch heard = new CountDownLatch(1);
  static final CountDownLatch finish = new CountDownLatch(1);
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
    talker = hatchet.task("restart-talker", Num.class, Num.class, (in, ctx) -> {
      while (!heard.await(200, TimeUnit.MILLISECONDS)) {
        ctx.putStream("hello");
      }
      finish.await();
      return new Num(in.n());
    }, o -> o.executionTimeout(Duration.ofMinutes(5)));
    worker = hatchet.worker("restart").slots(2).healthcheck(0).register(work, talker).start();
  }

  @AfterAll
  static void stop() {
    finish.countDown();
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

  /**
   * A longer outage: gRPC's own reconnect backoff grows towards two minutes while the engine is away, yet
   * clients and the worker must be back within seconds of the engine's return. Pushes made during the
   * outage fail loudly after their retries; none is stored behind the caller's back. A run stream open
   * when the engine goes away ends with an error, not as if the run had finished.
   */
  @Test
  void clientsAndWorkerRecoverPromptlyAfterALongOutage() throws Exception {
    awaitHealth(200, Duration.ofSeconds(30));
    try (Hatchet producer = Engine.client(EngineRestartIT.class)) {
      assertThat(producer.events().push("restart:before", new Num(1)).id()).isNotBlank();
      RunRef<Num> talking = talker.runNoWait(new Num(7));
      RunStream stream = talking.stream();
      Iterator<String> chunks = stream.iterator();
      assertThat(chunks.next()).isEqualTo("hello");
      heard.countDown();
      CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> chunks.forEachRemaining(c -> { }));

      engine("stop-engine");
      awaitHealth(503, Duration.ofSeconds(30));
      long t0 = System.nanoTime();
      CompletableFuture<PushedEvent> during = producer.events().pushAsync("restart:during", new Num(2));
      assertThatThrownBy(() -> during.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(HatchetRpcException.class)
          .hasMessageContaining("EventsService.Push")
          .satisfies(e -> assertThat(((HatchetRpcException) e).code()).isEqualTo("UNAVAILABLE"));
      // the transient failure was retried (four backoffs of at least 100 ms) before it was reported
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
      assertThatThrownBy(() -> producer.events().push("restart:during", new Num(3)))
          .isInstanceOf(HatchetRpcException.class);
      Engine.sleep(45_000); // gRPC alone would wait 15-30 s between connection attempts by now
      assertThatThrownBy(() -> rest.get(1, TimeUnit.SECONDS)).as("the open run stream")
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(HatchetException.class)
          .hasMessageContaining(talking.id());
      stream.close();

      engine("start-engine");
      long back = System.nanoTime();
      PushedEvent after = null;
      while (after == null && System.nanoTime() - back < TimeUnit.SECONDS.toNanos(60)) {
        try {
          after = producer.events().pushAsync("restart:after", new Num(4)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          Engine.sleep(250);
        }
      }
      Duration clientBack = Duration.ofNanos(System.nanoTime() - back);
      assertThat(after).as("a push after the engine's return").isNotNull();
      assertThat(clientBack).as("time from the engine's return to the first stored push").isLessThan(Duration.ofSeconds(5));
      awaitHealth(200, Duration.ofSeconds(15));
      assertThat(work.run(new Num(-2)).n()).isEqualTo(-2);
      finish.countDown();
      assertThat(talking.result(Duration.ofSeconds(60)).n()).as("the streaming run goes on").isEqualTo(7);

      // the engine lists what was stored: the pushes before and after, not the failed ones
      long end = System.currentTimeMillis() + 30_000;
      List<String> keys = List.of();
      while (keys.size() < 2 && System.currentTimeMillis() < end) {
        keys = producer.events()
            .list(EventQuery.create().keys("restart:before", "restart:during", "restart:after"), 0, 50)
            .items().stream().map(EventInfo::key).toList();
        Engine.sleep(250);
      }
      assertThat(keys).containsExactlyInAnyOrder(
          producer.config().applyNamespace("restart:before"), producer.config().applyNamespace("restart:after"));
    }
  }
}
