package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/** Slot limits and graceful shutdown, each with a worker of its own. */
class WorkerLifecycleIT {
  record Num(int n) {}

  record Done(int n) {}

  static Hatchet hatchet;

  @BeforeAll
  static void connect() {
    hatchet = Engine.client(WorkerLifecycleIT.class);
  }

  @AfterAll
  static void close() {
    if (hatchet != null) {
      hatchet.close();
    }
  }

  @Test
  void aTwoSlotWorkerNeverRunsMoreThanTwoTasksAtOnce() {
    AtomicInteger current = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Task<Num, Done> oneSecond = hatchet.task("one-second", Num.class, Done.class, (in, ctx) -> {
      int now = current.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      try {
        Thread.sleep(1_000);
      } finally {
        current.decrementAndGet();
      }
      return new Done(in.n());
    });
    Worker worker = hatchet.worker("two-slots").slots(2).register(oneSecond).start();
    try {
      List<Num> inputs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        inputs.add(new Num(i));
      }
      List<Done> results = oneSecond.runMany(inputs);
      assertThat(results).extracting(Done::n).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
      assertThat(peak.get()).isEqualTo(2);
    } finally {
      worker.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void gracefulShutdownLetsTheRunningTaskFinishAndTakesNothingNew() throws Exception {
    AtomicInteger executions = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    Task<Num, Done> fiveSeconds = hatchet.task("five-seconds", Num.class, Done.class, (in, ctx) -> {
      executions.incrementAndGet();
      started.countDown();
      Thread.sleep(5_000);
      return new Done(in.n());
    });
    Worker worker = hatchet.worker("draining").slots(5).register(fiveSeconds).start();
    RunRef<Done> ref = fiveSeconds.runNoWait(new Num(7));
    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
    Thread stopper = new Thread(() -> worker.shutdown(Duration.ofSeconds(30)));
    stopper.start();
    // wait until the engine reports the worker paused, then give its scheduler time to notice
    long end = System.currentTimeMillis() + 30_000;
    while (!"PAUSED".equals(hatchet.core().rest().get("/api/v1/workers/" + worker.id()).path("status").asText())
        && System.currentTimeMillis() < end) {
      Thread.sleep(100);
    }
    Thread.sleep(3_000);
    RunRef<Done> late = fiveSeconds.runNoWait(new Num(8));
    assertThat(ref.result(Duration.ofSeconds(60)).n()).isEqualTo(7);
    stopper.join(60_000);
    assertThat(worker.isTerminated()).isTrue();
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    Thread.sleep(3_000);
    assertThat(executions.get()).isEqualTo(1);
    assertThat(Engine.runStatus(hatchet, late.id())).isEqualTo("QUEUED");
    hatchet.core().rest().post("/api/v1/stable/tenants/" + hatchet.config().tenantId() + "/tasks/cancel",
        java.util.Map.of("externalIds", List.of(late.id())));
  }
}
