package run.hatchet.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import run.hatchet.HatchetRpcException;
import run.hatchet.internal.proto.Event;
import run.hatchet.internal.proto.EventsServiceGrpc;
import run.hatchet.internal.proto.PushEventRequest;

/** Asynchronous unary calls against a stand-in events service on 127.0.0.1: concurrency, retries, errors. */
class UnaryAsyncTest {
  private final ScheduledExecutorService replies = Executors.newScheduledThreadPool(4);
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private final AtomicInteger unavailableFirst = new AtomicInteger();
  private LocalTransports.StandIn standIn;
  private GrpcTransport transport;

  private void start(boolean retries) throws Exception {
    standIn = LocalTransports.serve(new EventsServiceGrpc.EventsServiceImplBase() {
      @Override
      public void push(PushEventRequest req, StreamObserver<Event> out) {
        calls.incrementAndGet();
        if (req.getKey().equals("bad")) {
          out.onError(Status.INVALID_ARGUMENT.withDescription("no such key").asRuntimeException());
          return;
        }
        if (unavailableFirst.getAndDecrement() > 0) {
          out.onError(Status.UNAVAILABLE.withDescription("down for the test").asRuntimeException());
          return;
        }
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        replies.schedule(() -> {
          active.decrementAndGet();
          out.onNext(Event.newBuilder().setEventId("id-" + req.getKey()).setKey(req.getKey()).build());
          out.onCompleted();
        }, 50, TimeUnit.MILLISECONDS);
      }
    }, b -> b.grpcRetry(retries));
    transport = standIn.transport();
  }

  @AfterEach
  void stop() {
    if (standIn != null) {
      standIn.close();
    }
    replies.shutdownNow();
  }

  private CompletableFuture<Event> push(String key) {
    PushEventRequest req = PushEventRequest.newBuilder().setKey(key).setPayload("{}").build();
    return transport.unaryAsync("EventsService.Push", transport.eventsAsync(), (s, o) -> s.push(req, o));
  }

  @Test
  void manyCallsAreInFlightAtOnceAndEachGetsItsOwnResponse() throws Exception {
    start(true);
    List<CompletableFuture<String>> futures = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      // a dependent stage registered before the reply runs on the thread that completes the call
      futures.add(push("k" + i).thenApply(e -> e.getEventId() + " on " + Thread.currentThread().getName()));
    }
    for (int i = 0; i < 50; i++) {
      String r = futures.get(i).get(10, TimeUnit.SECONDS);
      assertThat(r).startsWith("id-k" + i + " on ");
      // never Netty's event loop (its threads are named ...-ELG-...), where user code would stall all calls
      assertThat(r).doesNotContain("ELG");
    }
    // 50 calls with 50 ms replies: far more than one in flight
    assertThat(maxActive.get()).isGreaterThan(10);
    assertThat(calls.get()).isEqualTo(50);
  }

  @Test
  void transientFailuresAreRetriedAfterABackoff() throws Exception {
    start(true);
    unavailableFirst.set(2);
    long t0 = System.nanoTime();
    assertThat(push("again").get(30, TimeUnit.SECONDS).getEventId()).isEqualTo("id-again");
    assertThat(calls.get()).isEqualTo(3);
    // two backoffs of at least 100 ms (half the 200 ms base) each
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(200);
  }

  @Test
  void permanentFailuresAndExhaustedRetriesFailTheFutureWithTheCallsName() throws Exception {
    start(false);
    assertThatThrownBy(() -> push("bad").get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(HatchetRpcException.class).hasMessageContaining("EventsService.Push failed: INVALID_ARGUMENT: no such key");
    assertThat(calls.get()).isEqualTo(1);

    unavailableFirst.set(1);
    assertThatThrownBy(() -> push("down").get(10, TimeUnit.SECONDS)).cause().isInstanceOf(HatchetRpcException.class)
        .hasMessageContaining("UNAVAILABLE");
    assertThat(calls.get()).isEqualTo(2);
  }
}
