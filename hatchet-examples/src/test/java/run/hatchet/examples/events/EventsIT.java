package run.hatchet.examples.events;

import static org.assertj.core.api.Assertions.assertThat;
import static run.hatchet.examples.events.EventsExample.EVENT_KEY;
import static run.hatchet.examples.events.EventsExample.SECONDARY_KEY;
import static run.hatchet.examples.events.EventsExample.WILDCARD_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import run.hatchet.Hatchet;
import run.hatchet.client.EventClient;
import run.hatchet.client.EventOptions;
import run.hatchet.client.PushedEvent;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

/**
 * Events start runs; filters (created at runtime through the engine's filter API) decide which.
 * Scenarios with filters use scopes of their own and run concurrently; the one that needs the workflow
 * to have no filter at all runs alone.
 */
@Execution(ExecutionMode.CONCURRENT)
class EventsIT {
  static final String FILTERS = "EventWorkflow filters";
  static final Set<String> TERMINAL = Set.of("COMPLETED", "FAILED", "CANCELLED");

  static Hatchet hatchet;
  static Worker worker;
  static EventsExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(EventsIT.class);
    example = new EventsExample(hatchet);
    worker = hatchet.worker("EventWorker").register(example.eventWorkflow).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  /** An event to push and whether it should start runs. */
  record Pushed(PushedEvent event, boolean shouldHaveRuns) {}

  /** One event of a scenario, tagged with the scenario's id and whether it should start runs. */
  record Ev(String key, Map<String, Object> payload, EventOptions options, boolean shouldHaveRuns) {
    EventClient.Item toItem() {
      return new EventClient.Item(key, payload, options);
    }
  }

  static Ev item(String testRunId, int index, String key, boolean shouldSkip, boolean shouldHaveRuns,
      String scope, Map<String, Object> extraPayload) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("should_skip", shouldSkip);
    payload.putAll(extraPayload);
    EventOptions o = EventOptions.create()
        .metadata("should_have_runs", shouldHaveRuns)
        .metadata("test_run_id", testRunId)
        .metadata("key", index);
    if (scope != null) {
      o.scope(scope);
    }
    return new Ev(key, payload, o, shouldHaveRuns);
  }

  static List<Pushed> bulkPush(List<Ev> evs) {
    List<PushedEvent> events = hatchet.events().pushAll(evs.stream().map(Ev::toItem).toList());
    List<Pushed> out = new ArrayList<>();
    for (int i = 0; i < evs.size(); i++) {
      out.add(new Pushed(events.get(i), evs.get(i).shouldHaveRuns()));
    }
    return out;
  }

  static List<Pushed> pushOneByOne(List<Ev> evs) {
    List<Pushed> out = new ArrayList<>();
    for (Ev e : evs) {
      out.add(new Pushed(hatchet.events().push(e.key(), e.payload(), e.options()), e.shouldHaveRuns()));
    }
    return out;
  }

  /** The scenario's runs by triggering event id, once every expected run has finished. */
  static Map<String, List<JsonNode>> awaitRuns(String testRunId, List<Pushed> events) {
    long end = System.currentTimeMillis() + 45_000;
    EngineSupport.sleep(1_000);
    while (true) {
      Map<String, List<JsonNode>> byEvent = new LinkedHashMap<>();
      for (JsonNode run : EngineSupport.runsWithMetadata(hatchet, "test_run_id", testRunId)) {
        byEvent.computeIfAbsent(run.path("additionalMetadata").path("hatchet__event_id").asText(), k -> new ArrayList<>()).add(run);
      }
      boolean missing = events.stream().anyMatch(e -> e.shouldHaveRuns() && !byEvent.containsKey(e.event().id()));
      boolean unfinished = byEvent.values().stream().flatMap(List::stream)
          .anyMatch(r -> !TERMINAL.contains(r.path("status").asText()));
      if (!missing && !unfinished) {
        return byEvent;
      }
      if (System.currentTimeMillis() > end) {
        throw new AssertionError("event runs did not finish in time: " + byEvent);
      }
      EngineSupport.sleep(500);
    }
  }

  /** Every event that should start runs did, they all completed, and no other event started any. */
  static void assertRuns(String testRunId, List<Pushed> events) {
    awaitRuns(testRunId, events);
    // a little longer, so that an event that must not start a run has had every chance to
    EngineSupport.sleep(1_500);
    Map<String, List<JsonNode>> byEvent = awaitRuns(testRunId, events);
    for (Pushed p : events) {
      List<JsonNode> runs = byEvent.getOrDefault(p.event().id(), List.of());
      if (p.shouldHaveRuns()) {
        assertThat(runs).as("runs of event %s", p.event().id()).isNotEmpty();
        for (JsonNode r : runs) {
          assertThat(r.path("status").asText()).isEqualTo("COMPLETED");
          assertThat(r.path("additionalMetadata").path("test_run_id").asText()).isEqualTo(testRunId);
        }
      } else {
        assertThat(runs).as("runs of event %s", p.event().id()).isEmpty();
      }
    }
  }

  /** Runs {@code body} with a filter on EventWorkflow, deleting the filter afterwards. */
  static <T> T withFilter(String expression, String scope, Map<String, Object> payload, Callable<T> body) throws Exception {
    String id = EngineSupport.createFilter(hatchet, "EventWorkflow", expression, scope, payload);
    try {
      return body.call();
    } finally {
      EngineSupport.deleteFilter(hatchet, id);
    }
  }

  static String defaultExpression(String testRunId) {
    return "input.should_skip == false && payload.test_run_id == '" + testRunId + "'";
  }

  static Map<String, Object> payload(String testRunId, Object... more) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("test_run_id", testRunId);
    for (int i = 0; i < more.length; i += 2) {
      p.put((String) more[i], more[i + 1]);
    }
    return p;
  }

  // ------------------------------------------------------------------------------------------------

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void pushReturnsTheStoredEvent() {
    PushedEvent e = hatchet.events().push(EVENT_KEY, Map.of("should_skip", false));
    assertThat(e.id()).isNotBlank();
    assertThat(e.key()).isEqualTo(hatchet.config().applyNamespace(EVENT_KEY));
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void bulkPushReturnsEveryEventWithItsNamespacedKey() {
    List<EventClient.Item> items = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      items.add(new EventClient.Item("event" + i, Map.of("message", "This is event " + i, "should_skip", false),
          EventOptions.create().metadata("source", "test").metadata("user_id", "user" + i)));
    }
    List<PushedEvent> events = hatchet.events().pushAll(items);
    assertThat(events).extracting(PushedEvent::key).containsExactly(
        hatchet.config().applyNamespace("event1"), hatchet.config().applyNamespace("event2"), hatchet.config().applyNamespace("event3"));
  }

  /** Needs EventWorkflow to have no filter at all: runs alone. */
  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ_WRITE)
  void anEventWithATriggerKeyStartsARunAndOthersDoNot() {
    String id = UUID.randomUUID().toString();
    assertRuns(id, bulkPush(List.of(
        item(id, 1, EVENT_KEY, false, true, null, Map.of()),
        item(id, 2, "thisisafakeeventfoobarbaz", false, false, null, Map.of()))));
  }

  static List<Ev> scopedScenario(String id) {
    return List.of(
        // no scope: the filter is not consulted, and a workflow with filters runs only through them
        item(id, 1, EVENT_KEY, false, false, null, Map.of()),
        item(id, 2, EVENT_KEY, true, false, null, Map.of()),
        // the filter's scope and should_skip == false: a run
        item(id, 3, EVENT_KEY, false, true, id, Map.of()),
        // the filter's scope but should_skip == true: the expression is false
        item(id, 4, EVENT_KEY, true, false, id, Map.of()),
        // a key the workflow does not listen to
        item(id, 5, "thisisafakeeventfoobarbaz", true, false, id, Map.of()),
        item(id, 6, "thisisafakeeventfoobarbaz", false, false, id, Map.of()));
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void aFilterLetsOnlyScopedEventsWhoseExpressionHoldsThroughBulk() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter(defaultExpression(id), id, payload(id), () -> {
      assertRuns(id, bulkPush(scopedScenario(id)));
      return null;
    });
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void aFilterLetsOnlyScopedEventsWhoseExpressionHoldsOneByOne() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter(defaultExpression(id), id, payload(id), () -> {
      assertRuns(id, pushOneByOne(scopedScenario(id)));
      return null;
    });
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void theExpressionSeesTheFilterPayloadNoMatch() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter("input.should_skip == false && payload.foobar == 'baz'", id, payload(id, "foobar", "qux"), () -> {
      assertRuns(id, pushOneByOne(List.of(
          item(id, 1, EVENT_KEY, false, false, id, Map.of("message", "This is event 1")))));
      return null;
    });
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void theExpressionSeesTheFilterPayloadMatch() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter("input.should_skip == false && payload.foobar == 'baz'", id, payload(id, "foobar", "baz"), () -> {
      assertRuns(id, pushOneByOne(List.of(
          item(id, 1, EVENT_KEY, false, true, id, Map.of("message", "This is event 1")))));
      return null;
    });
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void theExpressionSeesTheEventKey() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter("event_key == '" + hatchet.config().applyNamespace(SECONDARY_KEY) + "'", id, payload(id), () -> {
      assertRuns(id, pushOneByOne(List.of(
          item(id, 1, SECONDARY_KEY, false, true, id, Map.of()),
          item(id, 2, EVENT_KEY, false, false, id, Map.of()))));
      return null;
    });
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void wildcardKeysMatchAnySuffix() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter(defaultExpression(id), id, payload(id), () -> {
      assertRuns(id, pushOneByOne(List.of(
          item(id, 1, WILDCARD_KEY.replace("*", "1"), false, true, id, Map.of()),
          item(id, 2, WILDCARD_KEY.replace("*", "2"), false, true, id, Map.of()),
          item(id, 3, "foobar", false, false, id, Map.of()),
          item(id, 4, EVENT_KEY, false, true, id, Map.of()))));
      return null;
    });
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void everyMatchingFilterStartsARunWithItsOwnPayload() throws Exception {
    String id = UUID.randomUUID().toString();
    withFilter("1 == 1", id, payload(id, "filter_id", "1"), () -> withFilter("2 == 2", id, payload(id, "filter_id", "2"), () -> {
      List<Pushed> pushed = pushOneByOne(List.of(item(id, 1, EVENT_KEY, false, true, id, Map.of())));
      List<JsonNode> runs = awaitRuns(id, pushed).get(pushed.get(0).event().id());
      assertThat(runs).hasSize(2);
      Set<String> filterIds = new HashSet<>();
      for (JsonNode r : runs) {
        JsonNode out = example.eventWorkflow.attach(r.path("metadata").path("id").asText()).result()
            .output(example.task.name(), JsonNode.class);
        filterIds.add(out.path("filter_id").asText());
      }
      assertThat(filterIds).containsExactlyInAnyOrder("1", "2");
      return null;
    }));
  }

  @Test
  @ResourceLock(value = FILTERS, mode = ResourceAccessMode.READ)
  void eventsOfDifferentScopesEachMeetOnlyTheirFilter() throws Exception {
    String id = UUID.randomUUID().toString();
    String a = "a-" + id;
    String b = "b-" + id;
    withFilter("1 == 1", a, payload(id), () -> withFilter("2 == 2", b, payload(id), () -> {
      List<Ev> items = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        items.add(item(id, i, EVENT_KEY, false, true, i % 2 == 0 ? a : b, Map.of()));
      }
      List<Pushed> pushed = bulkPush(items);
      awaitRuns(id, pushed);
      EngineSupport.sleep(1_500);
      Map<String, List<JsonNode>> byEvent = awaitRuns(id, pushed);
      for (Pushed p : pushed) {
        assertThat(byEvent.get(p.event().id())).as("runs of event %s", p.event().id()).hasSize(1);
      }
      return null;
    }));
  }
}
