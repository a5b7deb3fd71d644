package run.hatchet.it.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetApiException;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.TaskSummary;
import run.hatchet.features.WorkerInfo;
import run.hatchet.features.WorkerStatus;
import run.hatchet.features.WorkflowInfo;
import run.hatchet.features.WorkflowsClient;
import run.hatchet.it.Engine;
import run.hatchet.worker.Worker;

/** hatchet.workflows() and hatchet.workers() against the engine, including pausing. */
class WorkflowsWorkersIT {
  record Num(int n) {}

  static Hatchet hatchet;
  static Worker worker;
  static Task<Num, Num> held;
  static Task<Num, Num> doomed;
  static final AtomicInteger heldRuns = new AtomicInteger();
  static final String suite = UUID.randomUUID().toString().substring(0, 8);
  static Instant since;

  @BeforeAll
  static void start() {
    since = Instant.now().minusSeconds(60);
    hatchet = Engine.client(WorkflowsWorkersIT.class);
    held = hatchet.task("held", Num.class, Num.class, (in, ctx) -> {
      heldRuns.incrementAndGet();
      return in;
    }, null, w -> w.description("runs held while paused"));
    doomed = hatchet.task("doomed", Num.class, Num.class, (in, ctx) -> in);
    worker = hatchet.worker("wf-worker").slots(5).label("suite", suite).register(held, doomed).start();
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

  static WorkflowInfo registered(String name) {
    return Poll.until(name + " registered", Duration.ofSeconds(30), () -> hatchet.workflows().findByName(name),
        Optional::isPresent).get();
  }

  static Map<RunStatus, Long> statuses(String workflowId) {
    return hatchet.runs().listAll(RunFilter.create().since(since).workflowIds(workflowId))
        .collect(Collectors.groupingBy(TaskSummary::status, Collectors.counting()));
  }

  @Test
  void workflowsAreReadListedAndFoundByNamespacedName() {
    WorkflowInfo w = registered("held");
    assertThat(w.name()).isEqualTo(hatchet.config().applyNamespace("held"));
    WorkflowInfo byId = hatchet.workflows().get(w.id());
    assertThat(byId.name()).isEqualTo(w.name());
    assertThat(byId.description()).isEqualTo("runs held while paused");
    assertThat(byId.paused()).isFalse();
    assertThat(byId.createdAt()).isNotNull();
    // listing by name applies the namespace: this class's workflows, nobody else's
    List<String> names = hatchet.workflows().listAll("").map(WorkflowInfo::name).collect(Collectors.toList());
    assertThat(names).contains(hatchet.config().applyNamespace("held"))
        .allSatisfy(n -> assertThat(n).startsWith(hatchet.config().namespace()));
    assertThat(hatchet.workflows().list("held", 0, 10).items()).extracting(WorkflowInfo::id).containsExactly(w.id());
    assertThat(hatchet.workflows().findByName("no-such-workflow")).isEmpty();
  }

  /** Acceptance 3: a paused workflow keeps new runs queued; unpausing lets them complete. */
  @Test
  void pausedWorkflowHoldsRunsUntilUnpaused() {
    WorkflowInfo w = registered("held");
    WorkflowInfo paused = hatchet.workflows().pause(w.id(), Duration.ofHours(1),
        WorkflowsClient.PausedRunBehavior.QUEUE, WorkflowsClient.PausedRunBehavior.DROP);
    try {
      assertThat(paused.paused()).isTrue();
      assertThat(hatchet.workflows().get(w.id()).paused()).isTrue();
      // the engine caches workflow settings for up to 5 s (CACHE_DURATION): let the pause reach the trigger path
      Engine.sleep(6_000);
      int before = heldRuns.get();
      List<RunRef<Num>> refs = List.of(held.runNoWait(new Num(1)), held.runNoWait(new Num(2)), held.runNoWait(new Num(3)));
      for (RunRef<Num> r : refs) {
        Poll.until("run listed as queued", Duration.ofSeconds(30), () -> hatchet.runs().status(r.id()),
            s -> s == RunStatus.QUEUED);
      }
      Engine.sleep(3_000);
      for (RunRef<Num> r : refs) {
        assertThat(hatchet.runs().status(r.id())).isEqualTo(RunStatus.QUEUED);
      }
      assertThat(heldRuns.get()).isEqualTo(before);

      WorkflowInfo unpaused = hatchet.workflows().unpause(w.id());
      assertThat(unpaused.paused()).isFalse();
      for (RunRef<Num> r : refs) {
        assertThat(r.result(Duration.ofSeconds(60)).n()).isBetween(1, 3);
        Poll.until("run completed", Duration.ofSeconds(30), () -> hatchet.runs().status(r.id()),
            s -> s == RunStatus.COMPLETED);
      }
      assertThat(heldRuns.get()).isEqualTo(before + 3);
      assertThat(hatchet.workflows().get(w.id()).paused()).isFalse();
    } finally {
      hatchet.workflows().unpause(w.id());
    }
  }

  @Test
  void deletedWorkflowIsGone() {
    WorkflowInfo w = registered("doomed");
    assertThat(doomed.run(new Num(4)).n()).isEqualTo(4);
    assertThat(hatchet.workflows().pause(w.id()).paused()).isTrue();
    assertThat(hatchet.workflows().get(w.id()).paused()).isTrue();
    hatchet.workflows().delete(w.id());
    assertThatThrownBy(() -> hatchet.workflows().get(w.id()))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(hatchet.workflows().findByName("doomed")).isEmpty();
  }

  @Test
  void workersAreReadListedPausedAndUnpaused() {
    String id = worker.id();
    // a fresh worker reads INACTIVE until the engine has seen its first heartbeat
    WorkerInfo w = Poll.until("worker active", Duration.ofSeconds(30), () -> hatchet.workers().get(id),
        x -> x.status() == WorkerStatus.ACTIVE);
    assertThat(w.id()).isEqualTo(id);
    assertThat(w.name()).contains("wf-worker");
    assertThat(w.status()).isEqualTo(WorkerStatus.ACTIVE);
    assertThat(w.labels()).containsEntry("suite", suite);
    assertThat(w.actions()).contains(hatchet.config().applyNamespace("held") + ":held");
    assertThat(w.lastHeartbeatAt()).isNotNull();

    assertThat(hatchet.workers().listAll(List.of(WorkerStatus.ACTIVE), Map.of("suite", suite)).map(WorkerInfo::id))
        .containsExactly(id);
    assertThat(hatchet.workers().list(0, 1000).items()).extracting(WorkerInfo::id).contains(id);
    assertThat(hatchet.workers().listAll(null, Map.of("suite", "other-" + suite)).count()).isZero();

    WorkerInfo paused = hatchet.workers().pause(id);
    try {
      assertThat(paused.status()).isEqualTo(WorkerStatus.PAUSED);
      assertThat(hatchet.workers().get(id).status()).isEqualTo(WorkerStatus.PAUSED);
      assertThat(hatchet.workers().listAll(List.of(WorkerStatus.PAUSED), Map.of("suite", suite)).map(WorkerInfo::id))
          .containsExactly(id);
      // a paused worker is given no new work (the engine's scheduler refreshes its worker list every 5 s)
      Engine.sleep(6_000);
      int before = heldRuns.get();
      RunRef<Num> r = held.runNoWait(new Num(9));
      Poll.until("run queued", Duration.ofSeconds(30), () -> hatchet.runs().status(r.id()), s -> s == RunStatus.QUEUED);
      Engine.sleep(2_000);
      assertThat(heldRuns.get()).isEqualTo(before);

      WorkerInfo unpaused = hatchet.workers().unpause(id);
      assertThat(unpaused.status()).isEqualTo(WorkerStatus.ACTIVE);
      assertThat(r.result(Duration.ofSeconds(60)).n()).isEqualTo(9);
      Poll.until("worker active again", Duration.ofSeconds(30), () -> hatchet.workers().get(id).status(),
          st -> st == WorkerStatus.ACTIVE);
    } finally {
      hatchet.workers().unpause(id);
    }
  }
}
