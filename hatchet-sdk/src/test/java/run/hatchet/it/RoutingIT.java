package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.DesiredLabel;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/** Priority, worker affinity, slot cost and running by name. */
class RoutingIT {
  record Num(int n) {}

  record Where(String worker, int n) {}

  static Hatchet hatchet;

  @BeforeAll
  static void connect() {
    hatchet = Engine.client(RoutingIT.class);
  }

  @AfterAll
  static void close() {
    if (hatchet != null) {
      hatchet.close();
    }
  }

  @Test
  void highPriorityRunsStartBeforeLowPriorityRunsInABacklog() throws Exception {
    List<Integer> order = new CopyOnWriteArrayList<>();
    CountDownLatch blockerRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Task<Num, Num> prioritized = hatchet.task("prioritized", Num.class, Num.class, (in, ctx) -> {
      if (in.n() == 0) {
        blockerRunning.countDown();
        release.await(60, TimeUnit.SECONDS);
      } else {
        order.add(in.n());
        Thread.sleep(100);
      }
      return in;
    });
    Worker worker = hatchet.worker("priority").slots(1).register(prioritized).start();
    try {
      // occupy the only slot, then build a backlog: 3 low-priority runs first, 3 high-priority after
      RunRef<Num> blocker = prioritized.runNoWait(new Num(0));
      assertThat(blockerRunning.await(60, TimeUnit.SECONDS)).isTrue();
      List<RunRef<Num>> refs = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        refs.add(prioritized.runNoWait(new Num(i), RunOptions.create().priority(1)));
      }
      for (int i = 101; i <= 103; i++) {
        refs.add(prioritized.runNoWait(new Num(i), RunOptions.create().priority(3)));
      }
      Engine.sleep(2_000);
      release.countDown();
      blocker.result(Duration.ofSeconds(60));
      for (RunRef<Num> r : refs) {
        r.result(Duration.ofSeconds(60));
      }
      assertThat(order).hasSize(6);
      assertThat(order.subList(0, 3)).containsExactlyInAnyOrder(101, 102, 103);
      assertThat(order.subList(3, 6)).containsExactlyInAnyOrder(1, 2, 3);
    } finally {
      release.countDown();
      worker.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void requiredLabelsRouteRunsToTheMatchingWorker() {
    Task<Num, Where> euOnly = hatchet.task("eu-only", Num.class, Where.class,
        (in, ctx) -> new Where(ctx.workerLabels().get("region"), in.n()),
        o -> o.desiredLabel("region", DesiredLabel.required("eu")));
    Task<Num, Where> anywhere = hatchet.task("anywhere", Num.class, Where.class,
        (in, ctx) -> new Where(ctx.workerLabels().get("region"), in.n()));
    Worker eu = hatchet.worker("eu").slots(5).label("region", "eu").register(euOnly, anywhere).start();
    Worker us = hatchet.worker("us").slots(5).label("region", "us").register(euOnly, anywhere).start();
    try {
      List<Num> inputs = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        inputs.add(new Num(i));
      }
      assertThat(euOnly.runMany(inputs)).extracting(Where::worker).containsOnly("eu");
      for (int i = 0; i < 5; i++) {
        Where w = anywhere.run(new Num(i), RunOptions.create().desiredLabel("region", DesiredLabel.required("us")));
        assertThat(w.worker()).isEqualTo("us");
      }
    } finally {
      eu.shutdown(Duration.ofSeconds(5));
      us.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void slotCostLimitsHowManyTasksShareAWorker() {
    AtomicInteger current = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    Task<Num, Num> heavy = hatchet.task("heavy", Num.class, Num.class, (in, ctx) -> {
      peak.accumulateAndGet(current.incrementAndGet(), Math::max);
      try {
        Thread.sleep(500);
      } finally {
        current.decrementAndGet();
      }
      return in;
    }, o -> o.slotCost(2));
    Worker w = hatchet.worker("heavy").slots(3).register(heavy).start();
    try {
      List<Num> inputs = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        inputs.add(new Num(i));
      }
      assertThat(heavy.runMany(inputs)).hasSize(6);
      assertThat(peak.get()).isEqualTo(1);
    } finally {
      w.shutdown(Duration.ofSeconds(5));
    }
  }

  @Test
  void stubsRunWorkflowsServedElsewhereByName() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Task<Num, Num> served = hatchet.task("served-elsewhere", Num.class, Num.class, (in, ctx) -> {
      ran.countDown();
      return new Num(in.n() + 1);
    });
    Worker w = hatchet.worker("elsewhere").slots(2).register(served).start();
    try {
      Task<Map<String, Object>, JsonNode> stub = hatchetStub();
      assertThat(stub.run(Map.of("n", 41)).path("n").asInt()).isEqualTo(42);
      WorkflowResult r = hatchet.stubWorkflow("served-elsewhere", Num.class).run(new Num(1));
      assertThat(r.output("served-elsewhere", Num.class).n()).isEqualTo(2);
      assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
    } finally {
      w.shutdown(Duration.ofSeconds(5));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Task<Map<String, Object>, JsonNode> hatchetStub() {
    return (Task) hatchet.stubTask("served-elsewhere", Map.class, JsonNode.class);
  }
}
