package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.BulkRun;
import run.hatchet.client.EventClient;
import run.hatchet.client.EventOptions;
import run.hatchet.client.PushedEvent;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunOutcome;
import run.hatchet.client.RunRef;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.worker.Worker;

/** Triggering, results, bulk runs, children and events against the real engine. */
class ClientIT {
  record Num(int n) {}

  record Val(int v) {}

  record Sum(int sum, List<String> parents) {}

  /** Children spawned from other threads: wrapped by the context, and not. */
  record Spread(List<String> wrapped, List<String> unwrapped) {}

  record Tag(String tag) {}

  static Hatchet hatchet;
  static Worker worker;
  static Workflow<Num> diamond;
  static TaskRef<Val> leaf;
  static Task<Num, Val> square;
  static Task<Num, Val> picky;
  static Task<Num, Sum> parent;
  static Task<Num, Val> child;
  static Task<Num, Spread> spreader;
  static final Map<String, Set<String>> eventsSeen = new ConcurrentHashMap<>();
  static final Map<String, Set<String>> asyncEventsSeen = new ConcurrentHashMap<>();

  @BeforeAll
  static void start() {
    hatchet = Engine.client(ClientIT.class);
    diamond = hatchet.workflow("diamond", Num.class);
    TaskRef<Val> left = diamond.task("left", Val.class, (in, ctx) -> new Val(in.n() + 1));
    TaskRef<Val> right = diamond.task("right", Val.class, (in, ctx) -> new Val(in.n() * 2));
    TaskRef<Val> join = diamond.task("join", Val.class,
        (in, ctx) -> new Val(ctx.parentOutput(left).v() + ctx.parentOutput(right).v()), o -> o.parents(left, right));
    leaf = diamond.task("leaf", Val.class, (in, ctx) -> new Val(ctx.parentOutput(join).v() * 10), o -> o.parents(join));

    square = hatchet.task("square", Num.class, Val.class, (in, ctx) -> new Val(in.n() * in.n()));
    picky = hatchet.task("picky", Num.class, Val.class, (in, ctx) -> {
      if (in.n() % 7 == 0) {
        throw new IllegalArgumentException("multiple of seven: " + in.n());
      }
      return new Val(in.n());
    });
    child = hatchet.task("child", Num.class, Val.class, (in, ctx) -> new Val(in.n() * 3));
    parent = hatchet.task("parent", Num.class, Sum.class, (in, ctx) -> {
      List<Num> inputs = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        inputs.add(new Num(i));
      }
      List<RunRef<Val>> refs = child.runManyNoWait(inputs.stream().map(BulkRun::of).toList());
      int sum = 0;
      List<String> parents = new ArrayList<>();
      for (RunRef<Val> r : refs) {
        sum += r.result().v();
        parents.add(r.id());
      }
      return new Sum(sum, parents);
    }, o -> o.executionTimeout(Duration.ofMinutes(2)));

    spreader = hatchet.task("spreader", Num.class, Spread.class, (in, ctx) -> {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        List<String> wrapped = new ArrayList<>();
        wrapped.add(CompletableFuture.supplyAsync(() -> child.runNoWait(new Num(1)).id(), ctx.wrap(pool)).get(30, TimeUnit.SECONDS));
        AtomicReference<String> submitted = new AtomicReference<>();
        pool.submit(ctx.wrap(() -> submitted.set(child.runNoWait(new Num(2)).id()))).get(30, TimeUnit.SECONDS);
        wrapped.add(submitted.get());
        AtomicReference<String> fromThread = new AtomicReference<>();
        Thread t = new Thread(ctx.wrap(() -> fromThread.set(child.runNoWait(new Num(3)).id())));
        t.start();
        t.join(30_000);
        wrapped.add(fromThread.get());
        // the pool's thread ran wrapped work before: unwrapped work on it is no child of this task
        List<String> unwrapped = new ArrayList<>();
        unwrapped.add(pool.submit(() -> child.runNoWait(new Num(4)).id()).get(30, TimeUnit.SECONDS));
        return new Spread(wrapped, unwrapped);
      } finally {
        pool.shutdownNow();
      }
    }, o -> o.executionTimeout(Duration.ofMinutes(2)));

    Task<Tag, Val> onEvent = hatchet.task("on-event", Tag.class, Val.class, (in, ctx) -> {
      (in.tag().startsWith("async-") ? asyncEventsSeen : eventsSeen).computeIfAbsent(in.tag(), k -> ConcurrentHashMap.newKeySet())
          .add(ctx.triggeringEventKey().orElse("?"));
      return new Val(1);
    }, null, w -> w.onEvents("user:created", "billing:*"));

    worker = hatchet.worker("client-it").slots(50).register(diamond, square, picky, parent, child, spreader, onEvent).start();
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
  void diamondJoinSeesBothParentsAndTheResultIsKeyedByTaskName() {
    WorkflowResult r = diamond.run(new Num(3));
    assertThat(r.taskNames()).containsExactlyInAnyOrder("left", "right", "join", "leaf");
    assertThat(r.output("join", Val.class).v()).isEqualTo(4 + 6);
    assertThat(r.output(leaf).v()).isEqualTo(100);
    Engine.awaitStatus(hatchet, r.runId(), "COMPLETED");
  }

  @Test
  void runManyReturnsOrderedTypedResults() {
    List<Num> inputs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      inputs.add(new Num(i));
    }
    List<Val> out = square.runMany(inputs);
    assertThat(out).hasSize(100);
    for (int i = 0; i < 100; i++) {
      assertThat(out.get(i).v()).isEqualTo(i * i);
    }
  }

  @Test
  void returnExceptionsModePutsErrorsAtTheFailingIndexes() {
    List<BulkRun<Num>> items = new ArrayList<>();
    for (int i = 1; i <= 15; i++) {
      items.add(BulkRun.of(new Num(i)));
    }
    List<RunOutcome<Val>> out = picky.runManyOutcomes(items);
    for (int i = 0; i < 15; i++) {
      int n = i + 1;
      if (n % 7 == 0) {
        assertThat(out.get(i).isSuccess()).as("index %d", i).isFalse();
        assertThat(out.get(i).error()).isInstanceOf(RunFailedException.class).hasMessageContaining("multiple of seven: " + n);
      } else {
        assertThat(out.get(i).value().v()).isEqualTo(n);
      }
    }
  }

  @Test
  void failingRunThrowsAndResultsCanBeAwaitedElsewhereOrReattached() throws Exception {
    assertThatThrownBy(() -> picky.run(new Num(14))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("IllegalArgumentException: multiple of seven: 14")
        .satisfies(e -> assertThat(((RunFailedException) e).taskErrors()).containsKey("picky"));
    RunRef<Val> ref = picky.runNoWait(new Num(5));
    CompletableFuture<Integer> elsewhere = CompletableFuture.supplyAsync(() -> ref.result().v());
    assertThat(elsewhere.get(60, TimeUnit.SECONDS)).isEqualTo(5);
    assertThat(picky.attach(ref.id()).result(Duration.ofSeconds(30)).v()).isEqualTo(5);
  }

  @Test
  void childrenSpawnedInsideATaskAreLinkedAndSummed() {
    RunRef<Sum> ref = parent.runNoWait(new Num(0));
    Sum s = ref.result(Duration.ofSeconds(120));
    assertThat(s.sum()).isEqualTo(3 * 55);
    assertThat(s.parents()).hasSize(10).doesNotHaveDuplicates();
    com.fasterxml.jackson.databind.JsonNode parentTask = Engine.awaitStatus(hatchet, ref.id(), "COMPLETED").path("tasks").get(0);
    for (String childId : s.parents()) {
      assertThat(Engine.runDetails(hatchet, childId).path("tasks").get(0).path("parentTaskExternalId").asText())
          .isEqualTo(parentTask.path("taskExternalId").asText());
    }
  }

  @Test
  void childrenTriggeredFromOtherThreadsAreLinkedWhenTheContextWrapsTheWork() {
    RunRef<Spread> ref = spreader.runNoWait(new Num(0));
    Spread s = ref.result(Duration.ofSeconds(120));
    assertThat(s.wrapped()).hasSize(3).doesNotContainNull().doesNotHaveDuplicates();
    String parentTask = Engine.awaitStatus(hatchet, ref.id(), "COMPLETED").path("tasks").get(0).path("taskExternalId").asText();
    for (String childId : s.wrapped()) {
      assertThat(Engine.runDetails(hatchet, childId).path("tasks").get(0).path("parentTaskExternalId").asText())
          .as(childId).isEqualTo(parentTask);
    }
    assertThat(Engine.runDetails(hatchet, s.unwrapped().get(0)).path("tasks").get(0).path("parentTaskExternalId").asText())
        .isEmpty();
  }

  @Test
  void eventsTriggerWorkflowsIncludingWildcardsAndBulk() {
    EventClient events = hatchet.events();
    PushedEvent e = events.push("user:created", new Tag("single"), EventOptions.create().metadata("source", "it"));
    assertThat(e.id()).isNotBlank();
    events.push("billing:invoice-paid", new Tag("wildcard"));
    List<PushedEvent> bulk = events.pushAll(List.of(
        new EventClient.Item("user:created", new Tag("bulk-1"), null),
        new EventClient.Item("user:created", new Tag("bulk-2"), null),
        new EventClient.Item("user:created", new Tag("bulk-3"), null)));
    assertThat(bulk).hasSize(3);
    long end = System.currentTimeMillis() + 60_000;
    while (eventsSeen.size() < 5 && System.currentTimeMillis() < end) {
      Engine.sleep(200);
    }
    assertThat(eventsSeen).containsOnlyKeys("single", "wildcard", "bulk-1", "bulk-2", "bulk-3");
    assertThat(eventsSeen.get("wildcard")).containsExactly(hatchet.config().applyNamespace("billing:invoice-paid"));
  }

  @Test
  void asyncPushesAreInFlightTogetherAndEachTriggersItsRun() throws Exception {
    EventClient events = hatchet.events();
    List<CompletableFuture<PushedEvent>> futures = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      futures.add(events.pushAsync("user:created", new Tag("async-" + i), EventOptions.create().metadata("i", i)));
    }
    Set<String> ids = new java.util.HashSet<>();
    for (CompletableFuture<PushedEvent> f : futures) {
      PushedEvent e = f.get(30, TimeUnit.SECONDS);
      assertThat(e.key()).isEqualTo(hatchet.config().applyNamespace("user:created"));
      ids.add(e.id());
    }
    assertThat(ids).hasSize(20);
    long end = System.currentTimeMillis() + 60_000;
    while (asyncEventsSeen.size() < 20 && System.currentTimeMillis() < end) {
      Engine.sleep(200);
    }
    assertThat(asyncEventsSeen).hasSize(20);
    // the engine stored what was pushed (its event list is written apart from the trigger: wait for it)
    String id7 = futures.get(7).get().id();
    run.hatchet.features.EventInfo stored = null;
    long listed = System.currentTimeMillis() + 30_000;
    while (stored == null) {
      try {
        stored = events.get(id7);
      } catch (run.hatchet.HatchetApiException e) {
        if (e.status() != 404 || System.currentTimeMillis() > listed) {
          throw e;
        }
        Engine.sleep(200);
      }
    }
    assertThat(stored.payload().path("tag").asText()).isEqualTo("async-7");
    assertThat(stored.additionalMetadata()).containsEntry("i", 7L);
    // bad input fails at once, before anything is sent
    assertThatThrownBy(() -> events.pushAsync("user:created", new Object() {
      public Object getSelf() {
        return this;
      }
    })).isInstanceOf(run.hatchet.HatchetException.class);
  }
}
