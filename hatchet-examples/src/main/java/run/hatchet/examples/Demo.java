package run.hatchet.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import run.hatchet.Hatchet;
import run.hatchet.client.EventOptions;
import run.hatchet.client.PushedEvent;
import run.hatchet.client.WorkflowResult;
import run.hatchet.examples.child.ChildExample;
import run.hatchet.examples.dag.DagExample;
import run.hatchet.examples.durablesleep.DurableSleepExample;
import run.hatchet.examples.events.EventsExample;
import run.hatchet.examples.simple.SimpleExample;
import run.hatchet.internal.rest.RestClient;

/**
 * The client half of {@code scripts/demo}: triggers a few examples on a running examples worker and
 * prints each input and result with its timing. Exits non-zero if any of them fails.
 */
public final class Demo {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Hatchet hatchet;
  private int failures;

  private Demo(Hatchet hatchet) {
    this.hatchet = hatchet;
  }

  public static void main(String[] args) {
    int failures;
    try (Hatchet hatchet = Hatchet.fromEnv()) {
      failures = new Demo(hatchet).run();
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  private int run() {
    SimpleExample simple = new SimpleExample(hatchet);
    DagExample dag = new DagExample(hatchet);
    ChildExample child = new ChildExample(hatchet);
    EventsExample events = new EventsExample(hatchet);
    DurableSleepExample durableSleep = new DurableSleepExample(hatchet);

    step("simple", "the standalone task 'simple'", new EmptyModel(),
        () -> simple.simple.run(new EmptyModel()));

    step("dag", "the workflow 'DAGWorkflow': step1 and step2 in parallel, then step3 (their sum), then step4",
        new EmptyModel(), () -> outputs(dag.dagWorkflow.run(new EmptyModel()), "step1", "step2", "step3", "step4"));

    step("child", "the task 'SpawnTask', which runs the workflow 'SimpleWorkflow' as its child",
        new EmptyModel(), () -> child.spawn.run(new EmptyModel()));

    step("durable sleep", "the durable task 'DurableSleepTask', which sleeps " + DurableSleepExample.SLEEP.toSeconds()
        + " s through the engine", new EmptyModel(), () -> {
          long t0 = System.nanoTime();
          durableSleep.durableSleepTask.run(new EmptyModel());
          return Map.of("slept_at_least_seconds", (System.nanoTime() - t0) / 1_000_000_000L);
        });

    EventsExample.EventWorkflowInput payload = new EventsExample.EventWorkflowInput(false);
    step("event", "push the event '" + EventsExample.EVENT_KEY + "'; it starts a run of 'EventWorkflow'", payload, () -> {
      PushedEvent event = hatchet.events().push(EventsExample.EVENT_KEY, payload,
          EventOptions.create().metadata("source", "demo"));
      System.out.println("   event   " + event.id() + " (key " + event.key() + ")");
      String runId = runTriggeredBy(event.id(), Duration.ofSeconds(60));
      System.out.println("   run     " + runId);
      return outputs(events.eventWorkflow.attach(runId).result(Duration.ofSeconds(60)), "task");
    });

    System.out.println();
    System.out.println(failures == 0 ? "demo: all runs succeeded" : "demo: " + failures + " run(s) FAILED");
    return failures;
  }

  private void step(String name, String what, Object input, Callable<Object> call) {
    System.out.println();
    System.out.println("== " + name + ": " + what);
    System.out.println("   input   " + oneLine(input));
    long t0 = System.nanoTime();
    try {
      Object result = call.call();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("   result  " + indent(pretty(result)));
      System.out.println("   took    " + ms + " ms");
    } catch (Exception e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      failures++;
      System.out.println("   FAILED  after " + ms + " ms: " + e);
    }
  }

  /** A workflow's result as task name to output (null for a task that returned nothing). */
  private static Map<String, JsonNode> outputs(WorkflowResult r, String... tasks) throws Exception {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String task : tasks) {
      String json = r.outputsJson().getOrDefault(task, "");
      out.put(task, json.isEmpty() ? null : JSON.readTree(json));
    }
    return out;
  }

  /**
   * The run an event started, from the engine's run list (the Java SDK has no runs client yet, so this
   * asks the REST API directly).
   */
  private String runTriggeredBy(String eventId, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    String path = "/api/v1/stable/tenants/" + hatchet.config().tenantId() + "/workflow-runs" + RestClient.query(Map.of(
        "since", Instant.now().minus(1, ChronoUnit.HOURS).toString(),
        "only_tasks", false,
        "triggering_event_external_id", eventId));
    while (System.nanoTime() < end) {
      JsonNode rows = hatchet.core().rest().get(path).path("rows");
      if (rows.size() > 0) {
        return rows.get(0).path("metadata").path("id").asText();
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no run was started by event " + eventId + " within " + timeout);
  }

  private static String oneLine(Object value) {
    try {
      return new ObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      return String.valueOf(value);
    }
  }

  /** One line when short, indented JSON otherwise. */
  private static String pretty(Object value) {
    String line = oneLine(value);
    if (line.length() <= 90) {
      return line;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      return String.valueOf(value);
    }
  }

  private static String indent(String s) {
    return s.replace("\n", "\n           ");
  }
}
