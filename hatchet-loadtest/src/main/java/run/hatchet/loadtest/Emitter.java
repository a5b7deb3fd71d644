package run.hatchet.loadtest;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.Hatchet;
import run.hatchet.client.EventOptions;

/**
 * Pushes events at a fixed rate for the test's duration: a ticker creates one event per period and queues
 * it; events leave the queue in order as asynchronous pushes, at most {@code effectiveEmitWorkers()} in
 * flight (the reference's number of pushers). The queue holds two seconds' worth, and the ticker blocks
 * only when it is full. Like a Go ticker it drops ticks rather than bursting when it falls behind (more than
 * a period late); it counts them, and logs each at debug level with where the time went. The push
 * (write) time of an event runs from its creation to the end of its push call, so it includes any wait in
 * the queue.
 */
final class Emitter {
  private static final Logger log = LoggerFactory.getLogger(Emitter.class);

  /**
   * @param ticksDropped ticks skipped because the ticker was more than a period behind
   * @param lateMaxNanos the longest a tick's event was created after its due time
   */
  record Result(long pushed, long errors, long startNanos, long ticksDropped, long lateMaxNanos) {}

  private final Hatchet hatchet;
  private final Options o;
  private final Samples pushWrite;
  private final String eventKey;
  private final int maxInFlight;
  private final Semaphore permits;
  private final BlockingQueue<LoadTest.Event> waiting;
  private final AtomicLong pushed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  Emitter(Hatchet hatchet, Options o, Samples pushWrite, String eventKey) {
    this.hatchet = hatchet;
    this.o = o;
    this.pushWrite = pushWrite;
    this.eventKey = eventKey;
    this.maxInFlight = o.effectiveEmitWorkers();
    this.permits = new Semaphore(maxInFlight);
    this.waiting = new ArrayBlockingQueue<>(Math.max(16, o.events * 2));
  }

  Result run() {
    String payload = "a".repeat(o.payloadBytes());
    long period = 1_000_000_000L / o.events;
    long start = System.nanoTime();
    long end = start + o.duration.toNanos();
    long next = start;
    long id = 0;
    long dropped = 0;
    long lateMax = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (now < next) {
        LockSupport.parkNanos(Math.min(next - now, end - now));
        continue;
      }
      lateMax = Math.max(lateMax, now - next);
      LoadTest.Event ev = new LoadTest.Event(++id, Instant.now(), payload);
      try {
        if (!waiting.offer(ev, Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break; // pushes are stuck until the end of the test
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      drain(); // pushes it at once when a permit is free, in queue order either way
      next += period;
      long after = System.nanoTime();
      if (after - next > period) {
        long skipped = (after - next) / period;
        dropped += skipped;
        if (log.isDebugEnabled()) {
          // woken late: the thread waited for a core (or a pause); a slow loop: it lost its core mid-way
          log.debug("ticker behind at {} s of JVM uptime: {} ticks dropped (woke {} us late, loop took {} us)",
              ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0, skipped, (now - next + period) / 1000, (after - now) / 1000);
        }
        next = after; // behind by more than a tick: drop ticks instead of bursting
      }
    }
    // queued events are still pushed; every push has its own deadline, so this ends
    long waitEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while ((!waiting.isEmpty() || permits.availablePermits() < maxInFlight) && System.nanoTime() < waitEnd) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    return new Result(pushed.get(), errors.get(), start, dropped, lateMax);
  }

  /** Starts the push of an event for which a permit is held; its completion hands the permit on. */
  private void push(LoadTest.Event ev) {
    try {
      hatchet.events().pushAsync(eventKey, ev, EventOptions.create().metadata("event_id", Long.toString(ev.id())))
          .whenComplete((r, err) -> {
            if (err == null) {
              pushed.incrementAndGet();
              pushWrite.add(Math.max(0, Duration.between(ev.createdAt(), Instant.now()).toNanos()));
            } else {
              failed(ev, err);
            }
            permits.release();
            drain();
          });
    } catch (RuntimeException e) {
      failed(ev, e);
      permits.release(); // drain()'s loop, the only caller, goes on with the next event
    }
  }

  /**
   * Pushes waiting events, oldest first, while permits are free. Both the ticker (after queueing) and each
   * completion (after releasing) call it, so an event is never left waiting beside a free permit.
   */
  private void drain() {
    while (!waiting.isEmpty() && permits.tryAcquire()) {
      LoadTest.Event ev = waiting.poll();
      if (ev == null) {
        permits.release();
        return;
      }
      push(ev);
    }
  }

  private void failed(LoadTest.Event ev, Throwable e) {
    if (errors.getAndIncrement() == 0) {
      log.warn("pushing event {} failed: {}", ev.id(), e.toString());
    }
  }
}
