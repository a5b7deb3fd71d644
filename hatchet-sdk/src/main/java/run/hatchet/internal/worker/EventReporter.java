package run.hatchet.internal.worker;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
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
 * order: the next event of an attempt is sent only after the previous one was acknowledged. An event is
 * sent from the thread that submits it when a send permit is free (no hand-off to another thread), and
 * otherwise from the transport's thread when an earlier event is acknowledged. While the engine is
 * unreachable, events are retried with backoff and new ones wait, up to {@link #CAPACITY}; producers block
 * when that many are waiting.
 */
final class EventReporter {
  private static final Logger log = LoggerFactory.getLogger(EventReporter.class);
  static final int CAPACITY = 10_000;
  static final int MAX_IN_FLIGHT = 64;

  private final GrpcTransport transport;
  private final Object lock = new Object();
  /** Attempts with an event on the wire, mapped to their events waiting behind it. Guarded by lock. */
  private final Map<String, ArrayDeque<StepActionEvent>> busy = new HashMap<>();
  /** Events of attempts not on the wire, waiting for a send permit, in arrival order. Guarded by lock. */
  private final ArrayDeque<StepActionEvent> pending = new ArrayDeque<>();
  /** Send permits in use (= attempts on the wire). Guarded by lock. */
  private int inFlight;
  /** Events submitted and not yet delivered or given up. Guarded by lock. */
  private int backlog;
  private final AtomicInteger failing = new AtomicInteger();
  private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hatchet-event-retry"));
  private volatile boolean closed;

  EventReporter(GrpcTransport transport) {
    this.transport = transport;
  }

  void submit(StepActionEvent event) {
    String key = attempt(event);
    boolean interrupted = false;
    boolean sendNow = false;
    synchronized (lock) {
      while (backlog >= CAPACITY && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          // the task thread was interrupted (cancellation); the event must still be delivered: take it
          // above capacity rather than lose it
          interrupted = true;
          break;
        }
      }
      backlog++;
      ArrayDeque<StepActionEvent> waiting = busy.get(key);
      if (waiting != null) {
        waiting.add(event); // sent when the attempt's previous event is acknowledged
      } else if (inFlight < MAX_IN_FLIGHT) {
        // a free permit means nothing is pending (next() hands every freed permit to the pending events
        // first), so this event cannot overtake an earlier one of its attempt
        inFlight++;
        busy.put(key, new ArrayDeque<>(2));
        sendNow = true;
      } else {
        pending.add(event);
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (sendNow) {
      send(event, key, 0);
    }
  }

  private static String attempt(StepActionEvent ev) {
    return ev.getTaskRunExternalId() + "/" + ev.getRetryCount();
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

  /** The attempt's current event is settled: send its next one with the same permit, or pass the permit on. */
  private void next(String key) {
    StepActionEvent following;
    String followingKey = key;
    synchronized (lock) {
      if (backlog-- == CAPACITY) {
        lock.notifyAll();
      }
      ArrayDeque<StepActionEvent> waiting = busy.get(key);
      following = waiting == null ? null : waiting.poll();
      if (following == null) {
        busy.remove(key);
        // the permit is free: the oldest pending event whose attempt is not on the wire takes it
        StepActionEvent p;
        while ((p = pending.poll()) != null) {
          String k = attempt(p);
          ArrayDeque<StepActionEvent> w = busy.get(k);
          if (w != null) {
            w.add(p);
            continue;
          }
          busy.put(k, new ArrayDeque<>(2));
          following = p;
          followingKey = k;
          break;
        }
        if (following == null) {
          inFlight--;
        }
      }
    }
    if (following != null) {
      send(following, followingKey, 0);
    }
  }

  int backlog() {
    synchronized (lock) {
      return backlog;
    }
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
    synchronized (lock) {
      lock.notifyAll();
    }
    retries.shutdownNow();
  }
}
