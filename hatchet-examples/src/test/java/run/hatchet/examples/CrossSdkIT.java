package run.hatchet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.WorkflowResult;
import run.hatchet.definition.Task;
import run.hatchet.definition.Workflow;
import run.hatchet.worker.Worker;

/**
 * The official Python SDK (hatchet-sdk 1.37.5, in a git-ignored virtualenv made by
 * {@code scripts/python-venv}) and this SDK run each other's workflows by name: Python triggers the
 * Java-served {@code simple} and {@code DAGWorkflow}; a Python worker serves workflows the Java client
 * triggers.
 */
class CrossSdkIT {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path ROOT = MODULE.getParent();
  static final Path SCRIPTS = MODULE.resolve("src/test/python");
  static final Path LOGS = MODULE.resolve("target/cross-sdk");

  static Hatchet hatchet;
  static Worker javaWorker;
  static String python;

  record GreetingInput(String name) {}

  record Greeting(String greeting, @JsonProperty("served_by") String servedBy) {}

  record Numbers(List<Integer> numbers) {}

  @BeforeAll
  static void start() throws Exception {
    hatchet = EngineSupport.client(CrossSdkIT.class);
    python = pythonWithTheSdk();
    javaWorker = ExamplesWorker.start(hatchet, Catalogue.create(hatchet, List.of("simple", "dag")));
    Files.createDirectories(LOGS);
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(javaWorker, hatchet);
  }

  /** The virtualenv's interpreter, created on first use; skips (or fails in CI) when it cannot be. */
  static String pythonWithTheSdk() throws Exception {
    Path log = Files.createTempFile("python-venv", ".log");
    Process p = new ProcessBuilder(ROOT.resolve("scripts/python-venv").toString())
        .redirectError(log.toFile())
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      String msg = "the Python SDK is not available: " + Files.readString(log);
      if ("1".equals(System.getenv("HATCHET_REQUIRE_ENGINE"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return out;
  }

  /** A Python process configured like this test's client (same engine, same namespace). */
  static ProcessBuilder pythonProcess(String script, String logName) {
    ProcessBuilder pb = new ProcessBuilder(python, SCRIPTS.resolve(script).toString())
        .redirectError(LOGS.resolve(logName).toFile());
    Map<String, String> env = pb.environment();
    env.put("HATCHET_CLIENT_NAMESPACE", hatchet.config().namespace());
    env.put("PYTHONUNBUFFERED", "1");
    return pb;
  }

  @Test
  void pythonRunsTheJavaServedSimpleAndDagByName() throws Exception {
    File stdout = LOGS.resolve("trigger_java_examples.out").toFile();
    Process p = pythonProcess("trigger_java_examples.py", "trigger_java_examples.log").redirectOutput(stdout).start();
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("the Python trigger did not finish within 2 minutes; see " + LOGS);
    }
    assertThat(p.exitValue()).as("exit code of the Python trigger; log: %s",
        Files.readString(LOGS.resolve("trigger_java_examples.log"))).isZero();
    List<String> lines = Files.readAllLines(stdout.toPath());
    JsonNode out = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertThat(out.path("simple").toString()).isEqualTo("{\"result\":\"Hello, world!\"}");
    JsonNode dag = out.path("dag");
    assertThat(dag.path("step3").path("sum").asInt())
        .isEqualTo(dag.path("step1").path("random_number").asInt() + dag.path("step2").path("random_number").asInt());
    assertThat(dag.path("step4").path("step4").asText()).isEqualTo("step4");
  }

  @Test
  void javaRunsWorkflowsServedByAPythonWorkerByName() throws Exception {
    Process worker = pythonProcess("python_worker.py", "python_worker.log")
        .redirectOutput(LOGS.resolve("python_worker.out").toFile()).start();
    try {
      awaitRegistered("python-greeting", worker);
      awaitRegistered("PythonPipeline", worker);

      Task<GreetingInput, Greeting> greeting = Task.stub(hatchet.core(), "python-greeting", GreetingInput.class, Greeting.class);
      assertThat(greeting.run(new GreetingInput("Ada"))).isEqualTo(new Greeting("Hello, Ada!", "python"));

      Workflow<Numbers> pipeline = Workflow.stub(hatchet.core(), "PythonPipeline", Numbers.class);
      WorkflowResult r = pipeline.runNoWait(new Numbers(List.of(1, 2, 3, 4))).result(Duration.ofSeconds(60));
      assertThat(r.outputJson("total")).isEqualTo("{\"total\":10}");
      assertThat(r.outputJson("doubled")).isEqualTo("{\"doubled\":20}");
    } finally {
      worker.destroy(); // SIGTERM: the Python worker stops gracefully
      if (!worker.waitFor(30, TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
  }

  static void awaitRegistered(String workflow, Process worker) throws IOException {
    long end = System.currentTimeMillis() + 90_000;
    while (true) {
      try {
        EngineSupport.workflowId(hatchet, workflow);
        return;
      } catch (AssertionError notYet) {
        if (!worker.isAlive()) {
          fail("the Python worker exited (" + worker.exitValue() + "): " + Files.readString(LOGS.resolve("python_worker.log")));
        }
        if (System.currentTimeMillis() > end) {
          fail("the Python worker did not register " + workflow + " within 90 s: "
              + Files.readString(LOGS.resolve("python_worker.log")));
        }
        EngineSupport.sleep(300);
      }
    }
  }
}
