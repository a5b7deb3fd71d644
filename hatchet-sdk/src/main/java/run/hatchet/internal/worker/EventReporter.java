package run.hatchet.internal.worker;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.internal.client.Threads;
import run.hatchet.internal.proto.ActionEventResponse;
import run.hatchet.internal.proto.StepActionEvent;
import run.hatchet.internal.transport.GrpcTransport;

/**
 * Sends task lifecycle events to the engine. Up to {@link #MAX_IN_FLIGHT} events are on the wire at once
 * (one RPC per event, as the engine expects), while the events of one task attempt are still delivered in
 * order: the next event of an attempt is sent only after the previous one was acknowledged. While the
 * engine is unreachable, events are retried with backoff and new ones wait in a bounded queue; producers
 * block when the queue is full.
 */
final class EventReporter {
  private static final Logger log = LoggerFactory.getLogger(EventReporter.class);
  private static final int CAPACITY = 10_000;
  static final int MAX_IN_FLIGHT = 64;

  private final GrpcTransport transport;
  private final BlockingQueue<StepActionEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final Semaphore permits = new Semaphore(MAX_IN_FLIGHT);
  /** Attempts with an event on the wire, mapped to their events waiting behind it. Guarded by itself. */
  private final Map<String, ArrayDeque<StepActionEvent>> busy = new HashMap<>();
  /** Events taken from the queue and not yet delivered or given up. */
  private final AtomicInteger taken = new AtomicInteger();
  private final AtomicInteger failing = new AtomicInteger();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hatchet-event-retry"));
  private final Thread thread;
  private volatile boolean closed;

  EventReporter(GrpcTransport transport) {
    this.transport = transport;
    this.thread = new Thread(this::loop, "hatchet-event-reporter");
    thread.setDaemon(true);
    thread.start();
  }

  void submit(StepActionEvent event) {
    try {
      queue.put(event);
    } catch (InterruptedException e) {
      // the task thread was interrupted (cancellation); the event must still be delivered
      if (!queue.offer(event)) {
        log.error("event queue full; dropping {} for task run {}", event.getEventType(), event.getTaskRunExternalId());
      }
      Thread.currentThread().interrupt();
    }
  }

  private static String attempt(StepActionEvent ev) {
    return ev.getTaskRunExternalId() + "/" + ev.getRetryCount();
  }

  private void loop() {
    while (!closed || !queue.isEmpty()) {
      StepActionEvent ev;
      try {
        ev = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (ev == null) {
        continue;
      }
      taken.incrementAndGet();
      String key = attempt(ev);
      synchronized (busy) {
        ArrayDeque<StepActionEvent> waiting = busy.get(key);
        if (waiting != null) {
          waiting.add(ev); // sent when the attempt's previous event is acknowledged
          continue;
        }
        busy.put(key, new ArrayDeque<>(2));
      }
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        return;
      }
      send(ev, key, 0);
    }
  }

  /** Sends one event; the caller holds a permit, which passes to the attempt's next event or is released. */
  private void send(StepActionEvent ev, String key, int attempt) {
    StreamObserver<ActionEventResponse> done = new StreamObserver<>() {
      @Override
      public void onNext(ActionEventResponse value) {
        // nothing to read
      }

      @Override
      public void onError(Throwable t) {
        failed(ev, key, attempt, Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        if (failing.getAndSet(0) > 0) {
          log.info("task events are being delivered again");
        }
        next(key);
      }
    };
    try {
      // the callbacks are short and never block: run them on the transport's thread, saving a hand-off
      transport.dispatcherAsync().withExecutor(Runnable::run).withDeadlineAfter(20, TimeUnit.SECONDS)
          .sendStepActionEvent(ev, done);
    } catch (RuntimeException e) {
      failed(ev, key, attempt, Status.fromThrowable(e));
    }
  }

  private void failed(StepActionEvent ev, String key, int attempt, Status status) {
    Status.Code code = status.getCode();
    if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT || code == Status.Code.PERMISSION_DENIED) {
      log.warn("engine refused {} for task run {}: {}", ev.getEventType(), ev.getTaskRunExternalId(), status);
      next(key);
      return;
    }
    if (failing.getAndIncrement() == 0) {
      log.warn("cannot deliver task events ({}); keeping them until the engine is reachable", code);
    }
    try {
      retries.schedule(() -> send(ev, key, attempt + 1), GrpcTransport.backoffMillis(attempt + 1, 200, 5_000), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closed: the event is counted as undelivered by close()
    }
  }

  /** The attempt's current event is settled: send its next one with the same permit, or free the permit. */
  private void next(String key) {
    StepActionEvent following;
    synchronized (busy) {
      ArrayDeque<StepActionEvent> waiting = busy.get(key);
      following = waiting == null ? null : waiting.poll();
      if (following == null) {
        busy.remove(key);
      }
    }
    taken.decrementAndGet();
    if (following != null) {
      send(following, key, 0);
    } else {
      permits.release();
    }
  }

  int backlog() {
    return queue.size() + taken.get();
  }

  /** Waits until everything queued was delivered or {@code timeoutMillis} passed, then stops. */
  void close(long timeoutMillis) {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (backlog() > 0 && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (backlog() > 0) {
      log.warn("{} task event(s) could not be delivered before shutdown", backlog());
    }
    closed = true;
    thread.interrupt();
    retries.shutdownNow();
  }
}
