package run.hatchet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import run.hatchet.Hatchet;
import run.hatchet.HatchetException;
import run.hatchet.HatchetRpcException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunRef;
import run.hatchet.client.RunStream;
import run.hatchet.definition.Task;
import run.hatchet.worker.Worker;

/**
 * Reading a run's stream from a client. The engine delivers only chunks published after it has set up a
 * subscription, and when that happens is not observable from outside, so the task announces itself with
 * {@code hello} chunks until the test has received one; what it streams after that must all arrive, in
 * order, and the iteration must end once the run has finished.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class StreamIT {
  static final String HELLO = "hello";
  static final long END_PAUSE_MS = 1_000;

  /** What to stream after the handshake; {@code fail} makes the task throw afterwards. */
  record Plan(String key, int chunks, boolean fail) {}

  record Done(int chunks) {}

  static final Map<String, CountDownLatch> subscribed = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> released = new ConcurrentHashMap<>();

  static Hatchet hatchet;
  static Worker worker;
  static Task<Plan, Done> streamer;
  static Task<Plan, Done> holder;

  static CountDownLatch latch(Map<String, CountDownLatch> m, String key) {
    return m.computeIfAbsent(key, k -> new CountDownLatch(1));
  }

  static String chunk(int i) {
    return "chunk " + i + "|";
  }

  @BeforeAll
  static void start() {
    hatchet = Engine.client(StreamIT.class);
    streamer = hatchet.task("streamer", Plan.class, Done.class, (in, ctx) -> {
      CountDownLatch go = latch(subscribed, in.key());
      while (!go.await(200, TimeUnit.MILLISECONDS)) {
        ctx.putStream(HELLO);
      }
      for (int i = 0; i < in.chunks(); i++) {
        ctx.putStream(chunk(i));
      }
      // the engine announces the run's end on another path than the chunks and can deliver it first (seen:
      // the last of five chunks missing when the task failed at once); a task that ends right after
      // streaming may lose its last chunks to subscribers
      Thread.sleep(END_PAUSE_MS);
      if (in.fail()) {
        throw new IllegalStateException("failed after streaming");
      }
      return new Done(in.chunks());
    }, o -> o.executionTimeout(Duration.ofMinutes(3)));
    // streams hellos until the test lets it finish
    holder = hatchet.task("holder", Plan.class, Done.class, (in, ctx) -> {
      CountDownLatch go = latch(released, in.key());
      while (!go.await(200, TimeUnit.MILLISECONDS)) {
        ctx.putStream(HELLO);
      }
      return new Done(0);
    }, o -> o.executionTimeout(Duration.ofMinutes(3)));
    worker = hatchet.worker("stream").slots(4).register(streamer, holder).start();
  }

  @AfterAll
  static void stop() {
    released.values().forEach(CountDownLatch::countDown);
    if (worker != null) {
      worker.shutdown(Duration.ofSeconds(5));
    }
    if (hatchet != null) {
      hatchet.close();
    }
  }

  static Plan plan(int chunks, boolean fail) {
    return new Plan(UUID.randomUUID().toString(), chunks, fail);
  }

  /** Consumes the whole stream; releases the task at the first hello and returns what followed. */
  static List<String> readAfterHandshake(RunStream stream, Plan plan) {
    List<String> got = new ArrayList<>();
    for (String c : stream) {
      if (HELLO.equals(c)) {
        latch(subscribed, plan.key()).countDown();
      } else {
        got.add(c);
      }
    }
    return got;
  }

  static List<String> expected(int n) {
    return IntStream.range(0, n).mapToObj(StreamIT::chunk).toList();
  }

  @Test
  void chunksArriveInOrderAndTheIterationEndsWhenTheRunCompletes() {
    Streamed s = streamed(50, false, r -> {
      RunStream stream = r.stream();
      assertThat(stream.runId()).isEqualTo(r.id());
      return stream;
    });
    assertThat(s.chunks()).containsExactlyElementsOf(expected(50));
    assertThat(s.ref().result(Duration.ofSeconds(60))).isEqualTo(new Done(50));
    Engine.awaitStatus(hatchet, s.ref().id(), "COMPLETED");
  }

  @Test
  void theRunsClientSubscribesByRunIdAndTheStreamEndsWhenTheRunFails() {
    Streamed s = streamed(5, true, r -> hatchet.runs().subscribeToStream(r.id()));
    assertThat(s.chunks()).containsExactlyElementsOf(expected(5));
    assertThatThrownBy(() -> s.ref().result(Duration.ofSeconds(60))).isInstanceOf(RunFailedException.class)
        .hasMessageContaining("failed after streaming");
  }

  record Streamed(RunRef<Done> ref, List<String> chunks) {}

  /**
   * Starts the streamer, opens a stream on its run and reads it to the end. Once, in a CI run, the engine
   * ended a subscription normally within 0.3 s, with the run not finished (cause not known); the stream
   * now reports that as an error, and the scenario runs once more with a new run, after saying so.
   */
  static Streamed streamed(int chunks, boolean fail, java.util.function.Function<RunRef<Done>, RunStream> open) {
    for (int attempt = 1; ; attempt++) {
      Plan plan = plan(chunks, fail);
      RunRef<Done> ref = streamer.runNoWait(plan);
      try (RunStream stream = open.apply(ref)) {
        return new Streamed(ref, readAfterHandshake(stream, plan));
      } catch (HatchetException e) {
        if (attempt == 2 || e.getMessage() == null || !e.getMessage().contains("before the run finished")) {
          throw e;
        }
        String status;
        try {
          status = Engine.runStatus(hatchet, ref.id());
        } catch (RuntimeException statusError) {
          status = statusError.toString();
        }
        System.err.printf("StreamIT: %s (handshake %s; engine status %s); once more with a new run%n", e.getMessage(),
            latch(subscribed, plan.key()).getCount() == 0 ? "done" : "not done", status);
        latch(subscribed, plan.key()).countDown(); // lets that run's task finish
      }
    }
  }

  @Test
  void closingTheStreamEndsTheIterationAndLeavesTheRunAlone() {
    Plan plan = plan(0, false);
    RunRef<Done> ref = holder.runNoWait(plan);
    RunStream stream = ref.stream();
    Iterator<String> it = stream.iterator();
    assertThat(it.next()).isEqualTo(HELLO);
    stream.close();
    assertThat(it.hasNext()).isFalse();
    assertThat(ref.resultAsync()).as("the run goes on").isNotDone();
    latch(released, plan.key()).countDown();
    assertThat(ref.result(Duration.ofSeconds(60))).isEqualTo(new Done(0));
  }

  @Test
  void theStreamOfAFinishedRunEndsWithoutChunks() {
    Plan plan = plan(3, false);
    latch(subscribed, plan.key()).countDown();
    RunRef<Done> ref = streamer.runNoWait(plan);
    assertThat(ref.result(Duration.ofSeconds(60))).isEqualTo(new Done(3));
    Engine.awaitStatus(hatchet, ref.id(), "COMPLETED");
    try (RunStream stream = ref.stream()) {
      assertThat(stream.stream().toList()).isEmpty();
    }
  }

  @Test
  void anUnknownRunIsAnRpcError() {
    try (RunStream stream = hatchet.runs().subscribeToStream(UUID.randomUUID().toString())) {
      assertThatThrownBy(() -> stream.iterator().hasNext()).isInstanceOf(HatchetRpcException.class)
          .satisfies(e -> assertThat(((HatchetRpcException) e).code()).isEqualTo("NOT_FOUND"));
    }
    try (RunStream stream = hatchet.runs().subscribeToStream("not-a-run-id")) {
      assertThatThrownBy(() -> stream.iterator().hasNext()).isInstanceOf(HatchetRpcException.class)
          .satisfies(e -> assertThat(((HatchetRpcException) e).code()).isEqualTo("INVALID_ARGUMENT"));
    }
  }
}
