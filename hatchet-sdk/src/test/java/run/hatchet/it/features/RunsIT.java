package run.hatchet.it.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.HatchetApiException;
import run.hatchet.client.BulkRun;
import run.hatchet.client.PushedEvent;
import run.hatchet.client.RunOptions;
import run.hatchet.client.RunRef;
import run.hatchet.definition.Task;
import run.hatchet.features.Page;
import run.hatchet.features.RunDetails;
import run.hatchet.features.RunFilter;
import run.hatchet.features.RunStatus;
import run.hatchet.features.TaskSummary;
import run.hatchet.features.TaskTiming;
import run.hatchet.features.TraceSpan;
import run.hatchet.it.Engine;
import run.hatchet.worker.Worker;

/** hatchet.runs() against the engine: read, list/filter/paginate, cancel and replay (single and bulk). */
class RunsIT {
  record Num(int n) {}

  record Done(int n, int retryCount) {}

  record Spawned(String parentTaskRunId, String childRunId) {}

  static Hatchet hatchet;
  static Worker longWorker;
  static Worker worker;
  static Task<Num, Done> longTask;
  static Task<Num, Done> flaky;
  static Task<Num, Done> quick;
  static Task<Num, Spawned> parent;
  static Task<Num, Done> onEvent;
  static volatile boolean broken = true;
  static final Map<String, Integer> flakySuccessRetryCount = new ConcurrentHashMap<>();
  static final Map<String, AtomicInteger> quickInvocations = new ConcurrentHashMap<>();
  static final AtomicInteger longInterrupted = new AtomicInteger();
  static Instant since;

  @BeforeAll
  static void start() {
    since = Instant.now().minusSeconds(60);
    hatchet = Engine.client(RunsIT.class);
    longTask = hatchet.task("long", Num.class, Done.class, (in, ctx) -> {
      try {
        Thread.sleep(120_000);
      } catch (InterruptedException e) {
        longInterrupted.incrementAndGet();
        throw e;
      }
      return new Done(in.n(), ctx.retryCount());
    }, o -> o.executionTimeout(Duration.ofMinutes(5)));
    flaky = hatchet.task("flaky", Num.class, Done.class, (in, ctx) -> {
      if (broken) {
        throw new IllegalStateException("not fixed yet");
      }
      flakySuccessRetryCount.put(ctx.workflowRunId(), ctx.retryCount());
      return new Done(in.n(), ctx.retryCount());
    });
    quick = hatchet.task("quick", Num.class, Done.class, (in, ctx) -> {
      quickInvocations.computeIfAbsent(ctx.workflowRunId(), k -> new AtomicInteger()).incrementAndGet();
      return new Done(in.n(), ctx.retryCount());
    });
    parent = hatchet.task("parent", Num.class, Spawned.class,
        (in, ctx) -> new Spawned(ctx.taskRunId(), quick.runNoWait(new Num(in.n())).id()));
    onEvent = hatchet.task("on-event", Num.class, Done.class, (in, ctx) -> new Done(in.n(), 0), null,
        w -> w.onEvents("runs-it:ping"));
    longWorker = hatchet.worker("runs-long").slots(5).register(longTask).start();
    worker = hatchet.worker("runs-main").slots(10).register(flaky, quick, parent, onEvent).start();
  }

  @AfterAll
  static void stop() {
    for (Worker w : new Worker[] {worker, longWorker}) {
      if (w != null) {
        w.shutdown(Duration.ofSeconds(5));
      }
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  static String workflowId(String name) {
    return Poll.until("workflow " + name + " registered", Duration.ofSeconds(30),
        () -> hatchet.workflows().findByName(name), java.util.Optional::isPresent).get().id();
  }

  static Map<RunStatus, Long> countByStatus(RunFilter f) {
    return hatchet.runs().listAll(f).collect(Collectors.groupingBy(TaskSummary::status, Collectors.counting()));
  }

  static <T> List<BulkRun<T>> many(int n, Function<Integer, T> input, RunOptions options) {
    List<BulkRun<T>> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(BulkRun.of(input.apply(i), options));
    }
    return items;
  }

  /** Acceptance 1: 50 runs of a long task, bulk cancel by filter: none left running, 50 cancelled. */
  @Test
  void bulkCancelByFilterCancelsEveryMatchingRun() {
    String wf = workflowId("long");
    String batch = UUID.randomUUID().toString();
    int interruptedBefore = longInterrupted.get();
    List<RunRef<Done>> refs = longTask.runManyNoWait(many(50, Num::new, RunOptions.create().metadata("batch", batch)));
    Set<String> ids = refs.stream().map(RunRef::id).collect(Collectors.toSet());
    RunFilter filter = RunFilter.create().since(since).workflowIds(wf).metadata("batch", batch);

    Poll.until("50 runs listed with 5 running", Duration.ofSeconds(60), () -> countByStatus(filter),
        c -> c.values().stream().mapToLong(Long::longValue).sum() == 50 && c.getOrDefault(RunStatus.RUNNING, 0L) == 5);
    // the pages of 7 cover the 50 runs exactly once
    List<String> walked = Page.stream(7, (offset, limit) -> hatchet.runs().list(filter, offset, limit))
        .map(TaskSummary::workflowRunId).collect(Collectors.toList());
    assertThat(walked).hasSize(50).doesNotHaveDuplicates();
    assertThat(new HashSet<>(walked)).isEqualTo(ids);

    List<String> cancelled = hatchet.runs().cancel(RunFilter.create().since(since).workflowIds(wf).metadata("batch", batch));
    assertThat(cancelled).containsExactlyInAnyOrderElementsOf(ids);

    Map<RunStatus, Long> after = Poll.until("all 50 cancelled", Duration.ofSeconds(60), () -> countByStatus(filter),
        c -> c.getOrDefault(RunStatus.CANCELLED, 0L) == 50);
    assertThat(after).containsOnlyKeys(RunStatus.CANCELLED);
    assertThat(hatchet.runs().listIds(RunFilter.create().since(since).workflowIds(wf).metadata("batch", batch)
        .statuses(RunStatus.RUNNING, RunStatus.QUEUED))).isEmpty();
    Poll.until("the worker's running tasks interrupted", Duration.ofSeconds(15), longWorker::runningTasks, n -> n == 0);
    assertThat(longInterrupted.get() - interruptedBefore).isEqualTo(5);
  }

  /** Acceptance 2: 30 failing runs, fixed, bulk replay by filter: 30 completed with raised retry counts. */
  @Test
  void bulkReplayByFilterRerunsFailedRunsAfterTheFix() {
    String wf = workflowId("flaky");
    String batch = UUID.randomUUID().toString();
    broken = true;
    List<RunRef<Done>> refs = flaky.runManyNoWait(many(30, Num::new, RunOptions.create().metadata("batch", batch)));
    Set<String> ids = refs.stream().map(RunRef::id).collect(Collectors.toSet());
    RunFilter filter = RunFilter.create().since(since).workflowIds(wf).metadata("batch", batch);
    // the engine's read model can list a run as failed before its error message has reached it
    Poll.until("30 runs failed, with their error", Duration.ofSeconds(60), () -> hatchet.runs().listAll(filter).toList(),
        l -> l.stream().filter(t -> t.status() == RunStatus.FAILED && t.errorMessage() != null && !t.errorMessage().isEmpty())
            .count() == 30);
    assertThat(hatchet.runs().list(filter).items()).allSatisfy(t -> {
      assertThat(t.retryCount()).isZero();
      assertThat(t.errorMessage()).contains("not fixed yet");
    });

    broken = false;
    List<String> replayed = hatchet.runs().replay(
        RunFilter.create().since(since).workflowIds(wf).metadata("batch", batch).statuses(RunStatus.FAILED));
    assertThat(replayed).containsExactlyInAnyOrderElementsOf(ids);

    Poll.until("30 runs completed", Duration.ofSeconds(60), () -> countByStatus(filter),
        c -> c.getOrDefault(RunStatus.COMPLETED, 0L) == 30);
    List<TaskSummary> rows = hatchet.runs().listAll(filter).collect(Collectors.toList());
    assertThat(rows).hasSize(30).allSatisfy(t -> {
      assertThat(t.status()).isEqualTo(RunStatus.COMPLETED);
      assertThat(t.retryCount()).isGreaterThanOrEqualTo(1);
      assertThat(t.attempt()).isGreaterThanOrEqualTo(2);
    });
    assertThat(flakySuccessRetryCount.keySet()).containsAll(ids);
    assertThat(ids).allSatisfy(id -> assertThat(flakySuccessRetryCount.get(id)).isGreaterThanOrEqualTo(1));
  }

  @Test
  void getStatusTaskTimingsAndTraceOfACompletedRun() {
    RunRef<Done> ref = quick.runNoWait(new Num(7), RunOptions.create().metadata("case", "get"));
    assertThat(ref.result(Duration.ofSeconds(60)).n()).isEqualTo(7);
    RunDetails d = Poll.until("run details completed", Duration.ofSeconds(30), () -> hatchet.runs().get(ref.id()),
        r -> r.status() == RunStatus.COMPLETED);
    assertThat(d.id()).isEqualTo(ref.id());
    assertThat(d.additionalMetadata()).containsEntry("case", "get");
    assertThat(d.tasks()).hasSize(1);
    TaskSummary task = d.tasks().get(0);
    assertThat(task.output().path("n").asInt()).isEqualTo(7);
    assertThat(d.task("quick")).isPresent();
    assertThat(hatchet.runs().status(ref.id())).isEqualTo(RunStatus.COMPLETED);

    TaskSummary byId = hatchet.runs().getTask(task.taskRunId());
    assertThat(byId.status()).isEqualTo(RunStatus.COMPLETED);
    assertThat(byId.workflowRunId()).isEqualTo(ref.id());
    assertThat(byId.retryCount()).isZero();
    assertThat(byId.input().path("n").asInt()).isEqualTo(7);
    assertThat(hatchet.runs().getTask(task.taskRunId(), 1).status()).isEqualTo(RunStatus.COMPLETED);

    List<TaskTiming> timings = hatchet.runs().timings(ref.id());
    assertThat(timings).hasSize(1);
    TaskTiming t = timings.get(0);
    assertThat(t.taskRunId()).isEqualTo(task.taskRunId());
    assertThat(t.startedAt()).isNotNull();
    assertThat(t.finishedAt()).isAfterOrEqualTo(t.startedAt());

    Page<TraceSpan> trace = hatchet.runs().trace(ref.id(), 0, 100);
    assertThat(trace.items()).allSatisfy(s -> assertThat(s.traceId()).isNotBlank());
    assertThat(hatchet.runs().traceAll(ref.id()).count()).isEqualTo(trace.items().size());

    assertThatThrownBy(() -> hatchet.runs().get(UUID.randomUUID().toString()))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void listFiltersByMetadataParentTaskAndTriggeringEvent() {
    String tag = UUID.randomUUID().toString();
    List<RunRef<Done>> a = quick.runManyNoWait(many(3, Num::new, RunOptions.create().metadata("tag", tag).metadata("group", "a")));
    List<RunRef<Done>> b = quick.runManyNoWait(many(2, Num::new, RunOptions.create().metadata("tag", tag).metadata("group", "b")));
    a.forEach(r -> r.result(Duration.ofSeconds(60)));
    b.forEach(r -> r.result(Duration.ofSeconds(60)));
    Set<String> aIds = a.stream().map(RunRef::id).collect(Collectors.toSet());

    RunFilter groupA = RunFilter.create().since(since).metadata("tag", tag).metadata("group", "a");
    List<String> listed = Poll.until("3 runs of group a", Duration.ofSeconds(30),
        () -> hatchet.runs().list(groupA).items().stream().map(TaskSummary::workflowRunId).collect(Collectors.toList()),
        l -> l.size() == 3);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(aIds);
    Set<String> bIds = b.stream().map(RunRef::id).collect(Collectors.toSet());
    // run ids: the engine matches any of several metadata pairs
    assertThat(hatchet.runs().listIds(RunFilter.create().since(since).metadata("group", "b").metadata("tag", "none")
        .metadataMatch(RunFilter.MetadataMatch.ANY).workflowIds(workflowId("quick")))).containsAll(bIds)
        .doesNotContainAnyElementsOf(aIds);
    RunFilter anyGroup = RunFilter.create().since(since).metadata("group", "a").metadata("group2", "none")
        .metadataMatch(RunFilter.MetadataMatch.ANY).workflowIds(workflowId("quick"));
    assertThat(hatchet.runs().listAll(anyGroup).map(TaskSummary::workflowRunId).collect(Collectors.toSet()))
        .containsAll(aIds);
    assertThat(hatchet.runs().list(RunFilter.create().since(since).metadata("tag", tag).statuses(RunStatus.FAILED))
        .items()).isEmpty();

    RunRef<Spawned> parentRef = parent.runNoWait(new Num(3));
    Spawned spawned = parentRef.result(Duration.ofSeconds(60));
    List<TaskSummary> children = Poll.until("child listed under its parent", Duration.ofSeconds(30),
        () -> hatchet.runs().list(RunFilter.create().since(since).parentTaskRunId(spawned.parentTaskRunId())).items(),
        l -> l.size() == 1);
    assertThat(children.get(0).workflowRunId()).isEqualTo(spawned.childRunId());
    assertThat(children.get(0).parentTaskRunId()).isEqualTo(spawned.parentTaskRunId());
    // timings: the parent's own task at depth 0, with depth 1 also the child's
    assertThat(hatchet.runs().timings(parentRef.id())).extracting(TaskTiming::taskRunId)
        .containsExactly(spawned.parentTaskRunId());
    List<TaskTiming> deep = Poll.until("child timing", Duration.ofSeconds(30), () -> hatchet.runs().timings(parentRef.id(), 1),
        l -> l.size() == 2);
    assertThat(deep).extracting(TaskTiming::depth).containsExactlyInAnyOrder(0, 1);
    assertThat(deep.stream().filter(t -> t.depth() == 1).findFirst().orElseThrow().parentTaskRunId())
        .isEqualTo(spawned.parentTaskRunId());

    PushedEvent ev = hatchet.events().push("runs-it:ping", new Num(1));
    List<TaskSummary> triggered = Poll.until("run triggered by the event", Duration.ofSeconds(30),
        () -> hatchet.runs().list(RunFilter.create().since(since).triggeringEventId(ev.id())).items(),
        l -> l.size() == 1);
    assertThat(triggered.get(0).workflowName()).endsWith("on-event");

    List<TaskSummary> tasksOnly = hatchet.runs().list(RunFilter.create().since(since).onlyTasks(true)
        .metadata("tag", tag).includePayloads(false)).items();
    assertThat(tasksOnly).hasSize(5).allSatisfy(t -> assertThat(t.dag()).isFalse());
  }

  @Test
  void singleReplayRerunsACompletedRunAndSingleCancelStopsARunningOne() {
    RunRef<Done> ref = quick.runNoWait(new Num(1));
    ref.result(Duration.ofSeconds(60));
    Poll.until("completed", Duration.ofSeconds(30), () -> hatchet.runs().status(ref.id()), s -> s == RunStatus.COMPLETED);
    assertThat(hatchet.runs().replay(ref.id())).contains(ref.id());
    Poll.until("second invocation", Duration.ofSeconds(30), () -> quickInvocations.get(ref.id()).get(), n -> n == 2);
    TaskSummary again = Poll.until("completed again", Duration.ofSeconds(30),
        () -> hatchet.runs().get(ref.id()).tasks().get(0), t -> t.status() == RunStatus.COMPLETED && t.retryCount() == 1);
    assertThat(again.output().path("retryCount").asInt()).isEqualTo(1);

    RunRef<Done> running = longTask.runNoWait(new Num(1));
    Poll.until("long run running", Duration.ofSeconds(30), () -> hatchet.runs().status(running.id()),
        s -> s == RunStatus.RUNNING);
    assertThat(hatchet.runs().cancel(running.id())).contains(running.id());
    Poll.until("cancelled", Duration.ofSeconds(30), () -> hatchet.runs().status(running.id()),
        s -> s == RunStatus.CANCELLED);

    // by a list of ids: two completed runs replayed together
    RunRef<Done> x = quick.runNoWait(new Num(10));
    RunRef<Done> y = quick.runNoWait(new Num(11));
    x.result(Duration.ofSeconds(60));
    y.result(Duration.ofSeconds(60));
    for (RunRef<Done> r : List.of(x, y)) {
      Poll.until("completed", Duration.ofSeconds(30), () -> hatchet.runs().status(r.id()), s -> s == RunStatus.COMPLETED);
    }
    assertThat(hatchet.runs().replay(List.of(x.id(), y.id()))).contains(x.id(), y.id());
    Poll.until("both ran twice", Duration.ofSeconds(30),
        () -> quickInvocations.get(x.id()).get() + quickInvocations.get(y.id()).get(), n -> n == 4);
    // and two queued long runs cancelled together
    RunRef<Done> l1 = longTask.runNoWait(new Num(2));
    RunRef<Done> l2 = longTask.runNoWait(new Num(3));
    for (RunRef<Done> r : List.of(l1, l2)) {
      Poll.until("listed", Duration.ofSeconds(30), () -> hatchet.runs().status(r.id()), s -> !s.isFinal());
    }
    assertThat(hatchet.runs().cancel(List.of(l1.id(), l2.id()))).contains(l1.id(), l2.id());
    for (RunRef<Done> r : List.of(l1, l2)) {
      Poll.until("cancelled", Duration.ofSeconds(30), () -> hatchet.runs().status(r.id()), s -> s == RunStatus.CANCELLED);
    }
  }

  @Test
  void durableTaskCallsOnAnOrdinaryTask() {
    RunRef<Done> ref = quick.runNoWait(new Num(2));
    ref.result(Duration.ofSeconds(60));
    String taskRunId = Poll.until("task listed", Duration.ofSeconds(30), () -> hatchet.runs().get(ref.id()),
        r -> r.status() == RunStatus.COMPLETED).tasks().get(0).taskRunId();
    // an ordinary task has an empty durable event log; restore is accepted (asynchronous) and changes nothing
    assertThat(hatchet.runs().durableEventLog(taskRunId)).isEmpty();
    assertThat(hatchet.runs().durableEventLog(taskRunId, 0, 10)).isEmpty();
    assertThat(hatchet.runs().restoreTask(taskRunId)).isTrue();
    Engine.sleep(1_000);
    assertThat(hatchet.runs().status(ref.id())).isEqualTo(RunStatus.COMPLETED);
    assertThat(quickInvocations.get(ref.id()).get()).isEqualTo(1);
    // branching needs a durable event log; the engine rejects it for an ordinary task
    assertThatThrownBy(() -> hatchet.runs().branchDurableTask(taskRunId, 1, 1))
        .isInstanceOfSatisfying(HatchetApiException.class, e -> assertThat(e.status()).isGreaterThanOrEqualTo(400));
  }
}
