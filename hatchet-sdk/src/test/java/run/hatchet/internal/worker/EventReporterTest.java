package run.hatchet.internal.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import run.hatchet.internal.proto.ActionEventResponse;
import run.hatchet.internal.proto.DispatcherGrpc;
import run.hatchet.internal.proto.StepActionEvent;
import run.hatchet.internal.proto.StepActionEventType;
import run.hatchet.internal.transport.GrpcTransport;
import run.hatchet.internal.transport.LocalTransports;

/** The reporter against a stand-in dispatcher on 127.0.0.1: concurrency, per-attempt order, outages. */
class EventReporterTest {
  private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(4);
  private final List<String> received = new ArrayList<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private final AtomicInteger failFirst = new AtomicInteger();
  private LocalTransports.StandIn standIn;
  private GrpcTransport transport;

  private void start(long replyDelayMillis) throws Exception {
    standIn = LocalTransports.serve(new DispatcherGrpc.DispatcherImplBase() {
      @Override
      public void sendStepActionEvent(StepActionEvent ev, StreamObserver<ActionEventResponse> out) {
        if (failFirst.getAndDecrement() > 0) {
          out.onError(Status.UNAVAILABLE.withDescription("down for the test").asRuntimeException());
          return;
        }
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        synchronized (received) {
          received.add(ev.getTaskRunExternalId() + " " + ev.getEventType());
        }
        replies.schedule(() -> {
          active.decrementAndGet();
          out.onNext(ActionEventResponse.getDefaultInstance());
          out.onCompleted();
        }, replyDelayMillis, TimeUnit.MILLISECONDS);
      }
    }, b -> b);
    transport = standIn.transport();
  }

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    replies.shutdownNow();
  }

  private static StepActionEvent event(int task, StepActionEventType type) {
    return StepActionEvent.newBuilder().setWorkerId("w").setTaskRunExternalId("task-" + task).setRetryCount(0)
        .setEventType(type).build();
  }

  /** Each task's events in arrival order. */
  private Map<String, List<String>> byTask() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    synchronized (received) {
      for (String r : received) {
        String[] p = r.split(" ");
        m.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p[1]);
      }
    }
    return m;
  }

  @Test
  void sendsManyAtOnceButEachAttemptInOrder() throws Exception {
    start(20);
    EventReporter reporter = new EventReporter(transport);
    for (int i = 0; i < 300; i++) {
      reporter.submit(event(i, StepActionEventType.STEP_EVENT_TYPE_STARTED));
      reporter.submit(event(i, StepActionEventType.STEP_EVENT_TYPE_COMPLETED));
    }
    reporter.close(30_000);

    assertThat(reporter.backlog()).isZero();
    Map<String, List<String>> tasks = byTask();
    assertThat(tasks).hasSize(300);
    tasks.values().forEach(events -> assertThat(events).containsExactly("STEP_EVENT_TYPE_STARTED", "STEP_EVENT_TYPE_COMPLETED"));
    assertThat(maxActive.get()).isGreaterThan(1).isLessThanOrEqualTo(EventReporter.MAX_IN_FLIGHT);
  }

  @Test
  void producersOnManyThreadsLoseNothingAndKeepEachAttemptInOrder() throws Exception {
    start(5);
    EventReporter reporter = new EventReporter(transport);
    List<Thread> producers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int base = t * 100;
      Thread producer = new Thread(() -> {
        for (int i = base; i < base + 100; i++) {
          reporter.submit(event(i, StepActionEventType.STEP_EVENT_TYPE_STARTED));
          reporter.submit(event(i, StepActionEventType.STEP_EVENT_TYPE_COMPLETED));
        }
      });
      producer.start();
      producers.add(producer);
    }
    for (Thread t : producers) {
      t.join();
    }
    reporter.close(30_000);

    assertThat(reporter.backlog()).isZero();
    Map<String, List<String>> tasks = byTask();
    assertThat(tasks).hasSize(800);
    tasks.values().forEach(events -> assertThat(events).containsExactly("STEP_EVENT_TYPE_STARTED", "STEP_EVENT_TYPE_COMPLETED"));
    assertThat(maxActive.get()).isLessThanOrEqualTo(EventReporter.MAX_IN_FLIGHT);
  }

  @Test
  void keepsEventsThroughAnOutageAndDeliversThemInOrder() throws Exception {
    failFirst.set(25);
    start(1);
    EventReporter reporter = new EventReporter(transport);
    for (int i = 0; i < 20; i++) {
      reporter.submit(event(i, StepActionEventType.STEP_EVENT_TYPE_STARTED));
      reporter.submit(event(i, StepActionEventType.STEP_EVENT_TYPE_FAILED));
    }
    reporter.close(60_000);

    assertThat(reporter.backlog()).isZero();
    Map<String, List<String>> tasks = byTask();
    assertThat(tasks).hasSize(20);
    tasks.values().forEach(events -> assertThat(events).containsExactly("STEP_EVENT_TYPE_STARTED", "STEP_EVENT_TYPE_FAILED"));
  }
}
