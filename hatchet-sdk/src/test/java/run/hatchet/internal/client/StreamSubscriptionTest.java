package run.hatchet.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import run.hatchet.HatchetException;
import run.hatchet.HatchetRpcException;
import run.hatchet.internal.proto.ResourceEventType;
import run.hatchet.internal.proto.ResourceType;
import run.hatchet.internal.proto.WorkflowEvent;

/** The stream's event handling and iteration, fed by hand instead of by the engine. */
class StreamSubscriptionTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger cancels = new AtomicInteger();
  private final AtomicInteger finishes = new AtomicInteger();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private StreamSubscription subscription(Duration grace) {
    StreamSubscription s = new StreamSubscription("run-1", scheduler, grace, x -> finishes.incrementAndGet());
    s.attach(cancels::incrementAndGet);
    return s;
  }

  private static WorkflowEvent chunk(String payload, long index) {
    return WorkflowEvent.newBuilder().setWorkflowRunId("run-1").setResourceType(ResourceType.RESOURCE_TYPE_STEP_RUN)
        .setEventType(ResourceEventType.RESOURCE_EVENT_TYPE_STREAM).setResourceId("task-1")
        .setEventPayload(payload).setEventIndex(index).build();
  }

  private static WorkflowEvent event(ResourceType type, ResourceEventType eventType, String payload) {
    return WorkflowEvent.newBuilder().setWorkflowRunId("run-1").setResourceType(type).setEventType(eventType)
        .setResourceId("task-1").setEventPayload(payload).build();
  }

  private static List<String> drain(Iterable<String> chunks) {
    List<String> out = new ArrayList<>();
    chunks.forEach(out::add);
    return out;
  }

  @Test
  void deliversOnlyStreamChunksInArrivalOrderAndEndsAtTheHangup() {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    s.onEvent(event(ResourceType.RESOURCE_TYPE_STEP_RUN, ResourceEventType.RESOURCE_EVENT_TYPE_STARTED, ""));
    s.onEvent(chunk("Happy ", 0));
    s.onEvent(chunk("families", 1));
    s.onEvent(event(ResourceType.RESOURCE_TYPE_STEP_RUN, ResourceEventType.RESOURCE_EVENT_TYPE_COMPLETED, "{\"x\":1}"));
    s.onEvent(event(ResourceType.RESOURCE_TYPE_WORKFLOW_RUN, ResourceEventType.RESOURCE_EVENT_TYPE_COMPLETED, "")
        .toBuilder().setHangup(true).build());
    s.onEvent(chunk("late", 2));

    assertThat(drain(s)).containsExactly("Happy ", "families");
    assertThat(cancels).hasValue(1);
    assertThat(finishes).hasValue(1);
  }

  @Test
  void aTerminalRunEventEndsTheStreamEvenWithoutTheHangupFlag() {
    for (ResourceEventType t : List.of(ResourceEventType.RESOURCE_EVENT_TYPE_COMPLETED, ResourceEventType.RESOURCE_EVENT_TYPE_FAILED,
        ResourceEventType.RESOURCE_EVENT_TYPE_CANCELLED, ResourceEventType.RESOURCE_EVENT_TYPE_TIMED_OUT)) {
      StreamSubscription s = subscription(Duration.ofMinutes(1));
      s.onEvent(chunk("a", 0));
      s.onEvent(event(ResourceType.RESOURCE_TYPE_WORKFLOW_RUN, t, ""));
      assertThat(drain(s)).as("after %s", t).containsExactly("a");
    }
  }

  @Test
  void aFailedTaskDoesNotEndTheStreamOfTheRun() {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    s.onEvent(chunk("a", 0));
    s.onEvent(event(ResourceType.RESOURCE_TYPE_STEP_RUN, ResourceEventType.RESOURCE_EVENT_TYPE_FAILED, "boom"));
    s.onEvent(chunk("b", 0));
    s.runFinished();
    s.onCompleted();
    assertThat(drain(s)).containsExactly("a", "b");
  }

  @Test
  void theEndOfTheCallEndsTheStreamOnceTheRunIsKnownToHaveFinished() throws Exception {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    s.onEvent(chunk("a", 0));
    s.onCompleted();
    CompletableFuture<List<String>> all = CompletableFuture.supplyAsync(() -> s.stream().toList());
    Thread.sleep(100);
    assertThat(all).as("waits to learn whether the run finished").isNotDone();
    s.runFinished();
    assertThat(all.get(10, TimeUnit.SECONDS)).containsExactly("a");
    assertThat(finishes).hasValue(1);
  }

  @Test
  void anEndOfTheCallWhileTheRunGoesOnEndsTheStreamWithAnErrorAfterTheGracePeriod() throws Exception {
    StreamSubscription s = subscription(Duration.ofMillis(200));
    s.onEvent(chunk("a", 0));
    s.onCompleted();
    Iterator<String> it = s.iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThatThrownBy(it::hasNext).isInstanceOf(HatchetException.class)
        .hasMessageContaining("the engine ended the stream of run run-1 before the run finished")
        .hasMessageContaining("200 ms");
    s.runFinished(); // too late: the error stays
    assertThatThrownBy(it::hasNext).isInstanceOf(HatchetException.class);
    assertThat(finishes).hasValue(1);
  }

  @Test
  void anEngineErrorSurfacesAsAnRpcExceptionAfterTheChunksReceivedAndStays() {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    s.onEvent(chunk("a", 0));
    s.onError(Status.NOT_FOUND.withDescription("workflow run run-1 not found").asRuntimeException());
    Iterator<String> it = s.iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThatThrownBy(it::hasNext).isInstanceOf(HatchetRpcException.class)
        .hasMessageContaining("SubscribeToWorkflowEvents").hasMessageContaining("not found")
        .satisfies(e -> assertThat(((HatchetRpcException) e).code()).isEqualTo("NOT_FOUND"));
    assertThatThrownBy(it::hasNext).isInstanceOf(HatchetRpcException.class);
  }

  @Test
  void failingEndsTheIterationWithThatError() {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    s.fail(new HatchetException("client closed while streaming run run-1"));
    assertThatThrownBy(() -> drain(s)).isInstanceOf(HatchetException.class).hasMessageContaining("client closed");
  }

  @Test
  void closingWakesABlockedConsumerDropsUnreadChunksAndCancelsTheCall() throws Exception {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    Iterator<String> it = s.iterator();
    CompletableFuture<Boolean> blocked = CompletableFuture.supplyAsync(it::hasNext);
    Thread.sleep(100);
    assertThat(blocked).isNotDone();
    s.close();
    assertThat(blocked.get(10, TimeUnit.SECONDS)).isFalse();
    s.onEvent(chunk("after close", 0));
    s.onError(Status.CANCELLED.asRuntimeException());
    assertThat(it.hasNext()).isFalse();
    assertThat(cancels).hasValue(1);
    assertThat(finishes).hasValue(1);

    StreamSubscription unread = subscription(Duration.ofMinutes(1));
    unread.onEvent(chunk("never read", 0));
    unread.close();
    unread.close();
    assertThat(drain(unread)).isEmpty();
  }

  @Test
  void whenTheEngineMissesTheEndOfAFinishedRunTheStreamEndsAfterTheGracePeriod() throws Exception {
    StreamSubscription s = subscription(Duration.ofMillis(200));
    s.onEvent(chunk("a", 0));
    s.runFinished();
    CompletableFuture<List<String>> all = CompletableFuture.supplyAsync(() -> drain(s));
    assertThat(all.get(10, TimeUnit.SECONDS)).containsExactly("a");
    assertThat(cancels).hasValue(1);
  }

  @Test
  void theGracePeriodDoesNotCutTheStreamShortWhenTheEngineEndsItFirst() throws Exception {
    StreamSubscription s = subscription(Duration.ofMillis(200));
    s.runFinished();
    s.onEvent(chunk("a", 0));
    s.onCompleted();
    Thread.sleep(400);
    assertThat(drain(s)).containsExactly("a");
    assertThat(finishes).hasValue(1);
  }

  @Test
  void anInterruptedConsumerGetsAnExceptionAndTheStreamIsClosed() {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    Iterator<String> it = s.iterator();
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(it::hasNext).isInstanceOf(HatchetException.class).hasMessageContaining("interrupted");
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(cancels).hasValue(1);
    assertThat(it.hasNext()).isFalse();
  }

  @Test
  void aStreamCanBeIteratedOnlyOnceAndClosingTheJavaStreamClosesIt() {
    StreamSubscription s = subscription(Duration.ofMinutes(1));
    try (var chunks = s.stream()) {
      assertThat(chunks).isNotNull();
    }
    assertThat(cancels).hasValue(1);
    assertThatThrownBy(s::iterator).isInstanceOf(IllegalStateException.class);
  }
}
