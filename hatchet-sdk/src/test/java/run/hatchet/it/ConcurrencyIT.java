package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Concurrency;
import run.hatchet.definition.ConcurrencyStrategy;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/** Concurrency strategies, checked in the engine's run statuses and measured inside the tasks. */
class ConcurrencyIT {
  record Keyed(String key, int n) {}

  record Done(int n) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Keyed, Done> cancelInProgress;
  static Task<Keyed, Done> roundRobin;
  static Task<Keyed, Done> cancelNewest;
  static final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> peak = new ConcurrentHashMap<>();

  static Done sleep(Keyed in, long ms) throws InterruptedException {
    Thread.sleep(ms);
    return new Done(in.n());
  }

  @BeforeAll
  static void start() {
    hatchet = Engine.client(ConcurrencyIT.class);
    cancelInProgress = hatchet.task("cancel-in-progress", Keyed.class, Done.class, (in, ctx) -> sleep(in, 3_000),
        o -> o.concurrency(Concurrency.of("input.key", 1, ConcurrencyStrategy.CANCEL_IN_PROGRESS)));
    roundRobin = hatchet.task("round-robin", Keyed.class, Done.class, (in, ctx) -> {
      int now = running.computeIfAbsent(in.key(), k -> new AtomicInteger()).incrementAndGet();
      peak.computeIfAbsent(in.key(), k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
      try {
        return sleep(in, 500);
      } finally {
        running.get(in.key()).decrementAndGet();
      }
    }, o -> o.concurrency(Concurrency.of("input.key", 2, ConcurrencyStrategy.GROUP_ROUND_ROBIN)));
    cancelNewest = hatchet.task("cancel-newest", Keyed.class, Done.class, (in, ctx) -> sleep(in, 3_000),
        o -> o.concurrency(Concurrency.of("input.key", 1, ConcurrencyStrategy.CANCEL_NEWEST)));
    worker = hatchet.worker("concurrency").slots(30).register(cancelInProgress, roundRobin, cancelNewest).start();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  @Test
  void cancelInProgressKeepsOnlyTheLastRunOfAKey() {
    List<RunRef<Done>> refs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      refs.add(cancelInProgress.runNoWait(new Keyed("same", i)));
      Engine.sleep(100);
    }
    assertThat(refs.get(9).result(Duration.ofSeconds(60)).n()).isEqualTo(9);
    for (int i = 0; i < 9; i++) {
      Engine.awaitStatus(hatchet, refs.get(i).id(), "CANCELLED");
    }
    Engine.awaitStatus(hatchet, refs.get(9).id(), "COMPLETED");
  }

  @Test
  void groupRoundRobinNeverExceedsTheLimitPerKey() {
    List<RunRef<Done>> refs = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      refs.add(roundRobin.runNoWait(new Keyed("k" + (i % 3), i)));
    }
    for (int i = 0; i < refs.size(); i++) {
      assertThat(refs.get(i).result(Duration.ofSeconds(120)).n()).isEqualTo(i);
    }
    assertThat(peak).containsOnlyKeys("k0", "k1", "k2");
    peak.forEach((key, max) -> assertThat(max.get()).as("peak for %s", key).isBetween(1, 2));
  }

  @Test
  void cancelNewestKeepsTheFirstRun() {
    RunRef<Done> first = cancelNewest.runNoWait(new Keyed("one", 0));
    Engine.awaitRun(hatchet, first.id(), d -> "RUNNING".equals(d.path("run").path("status").asText()), Duration.ofSeconds(60));
    List<RunRef<Done>> later = new ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      later.add(cancelNewest.runNoWait(new Keyed("one", i)));
    }
    assertThat(first.result(Duration.ofSeconds(60)).n()).isZero();
    for (RunRef<Done> r : later) {
      Engine.awaitStatus(hatchet, r.id(), "CANCELLED");
    }
    Engine.awaitStatus(hatchet, first.id(), "COMPLETED");
  }
}
