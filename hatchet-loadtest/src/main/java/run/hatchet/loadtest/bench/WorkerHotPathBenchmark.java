package run.hatchet.loadtest.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import run.hatchet.Hatchet;
import run.hatchet.config.ClientConfig;
import run.hatchet.config.TlsStrategy;
import run.hatchet.definition.Task;
import run.hatchet.internal.registration.ProtoMapping;
import run.hatchet.loadtest.LoadTest;
import run.hatchet.worker.Worker;

/**
 * The worker's hot path, end to end within one JVM: an assigned action arrives on the action stream, the
 * runtime parses it, takes a slot, reports STARTED, runs the handler on the executor, serializes the
 * output and reports COMPLETED. A fake engine on 127.0.0.1 streams {@value #BATCH} assignments per
 * invocation and the invocation ends when it has received all {@value #BATCH} results; the score is
 * tasks per second through real gRPC (loopback) and the real serializer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class WorkerHotPathBenchmark {
  static final int BATCH = 500;

  @Param({"0", "1024"})
  public int payloadBytes;

  @Param({"100"})
  public int slots;

  private FakeEngine engine;
  private Hatchet hatchet;
  private Worker worker;
  private String actionId;
  private String input;

  @Setup(Level.Trial)
  public void start() throws Exception {
    engine = new FakeEngine();
    ClientConfig config = ClientConfig.builder()
        .environment(Map.of())
        .token(engine.token())
        .hostPort(engine.hostPort())
        .serverUrl("http://127.0.0.1:1")
        .tlsStrategy(TlsStrategy.NONE)
        .build();
    hatchet = Hatchet.builder().config(config).build();
    Task<LoadTest.Event, LoadTest.StepOneOutput> task = hatchet.task("load-test-0", LoadTest.Event.class,
        LoadTest.StepOneOutput.class, (ev, ctx) -> new LoadTest.StepOneOutput("This ran at: " + ev.createdAt()));
    worker = hatchet.worker("bench").slots(slots).register(task).start();
    if (!engine.awaitListening(30)) {
      throw new IllegalStateException("the worker never opened its action stream");
    }
    actionId = ProtoMapping.actionId(config, "load-test-0", "load-test-0");
    input = hatchet.serializer().toJson(new LoadTest.Event(1, Instant.now(), "a".repeat(payloadBytes)));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public long tasks() {
    long target = engine.finished() + BATCH;
    engine.dispatch(BATCH, actionId, input);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (engine.finished() < target) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("results missing after 60 s: " + (target - engine.finished()));
      }
      LockSupport.parkNanos(20_000);
    }
    return engine.finished();
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
    if (engine != null) {
      engine.close();
    }
  }
}
