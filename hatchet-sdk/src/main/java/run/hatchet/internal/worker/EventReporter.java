package run.hatchet.internal.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.internal.proto.StepActionEvent;
import run.hatchet.internal.transport.GrpcTransport;

/**
 * Sends task lifecycle events in order from one thread. While the engine is unreachable events wait in a
 * bounded queue and are delivered once it is back; producers block when the queue is full.
 */
final class EventReporter {
  private static final Logger log = LoggerFactory.getLogger(EventReporter.class);
  private static final int CAPACITY = 10_000;

  private final GrpcTransport transport;
  private final BlockingQueue<StepActionEvent> queue = new LinkedBlockingQueue<>(CAPACITY);
  private final Thread thread;
  private volatile boolean closed;
  private volatile StepActionEvent inFlight;

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

  private void loop() {
    boolean outage = false;
    int attempt = 0;
    while (!closed || !queue.isEmpty()) {
      StepActionEvent ev;
      try {
        ev = inFlight != null ? inFlight : queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (ev == null) {
        continue;
      }
      inFlight = ev;
      try {
        transport.dispatcher().withDeadlineAfter(20, TimeUnit.SECONDS).sendStepActionEvent(ev);
        inFlight = null;
        attempt = 0;
        if (outage) {
          log.info("task events are being delivered again");
          outage = false;
        }
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.NOT_FOUND || code == Status.Code.INVALID_ARGUMENT || code == Status.Code.PERMISSION_DENIED) {
          log.warn("engine refused {} for task run {}: {}", ev.getEventType(), ev.getTaskRunExternalId(), e.getStatus());
          inFlight = null;
          continue;
        }
        if (!outage) {
          log.warn("cannot deliver task events ({}); keeping them until the engine is reachable", code);
          outage = true;
        }
        attempt++;
        try {
          Thread.sleep(GrpcTransport.backoffMillis(attempt, 200, 5_000));
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  int backlog() {
    return queue.size() + (inFlight == null ? 0 : 1);
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
  }
}
