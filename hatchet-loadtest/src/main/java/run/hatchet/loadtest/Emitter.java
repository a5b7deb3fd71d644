package run.hatchet.loadtest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.Hatchet;
import run.hatchet.client.EventOptions;

/**
 * Pushes events at a fixed rate for the test's duration: a ticker creates one event per period and a pool
 * of pushers sends them (each push is a blocking call). Like a Go ticker it drops ticks rather than
 * bursting when it falls behind. The push (write) time of an event runs from its creation to the end of
 * its push call, so it includes any wait for a free pusher.
 */
final class Emitter {
  private static final Logger log = LoggerFactory.getLogger(Emitter.class);
  private static final LoadTest.Event STOP = new LoadTest.Event(-1, Instant.EPOCH, "");

  record Result(long pushed, long errors, long startNanos) {}

  private final Hatchet hatchet;
  private final Options o;
  private final Samples pushWrite;

  Emitter(Hatchet hatchet, Options o, Samples pushWrite) {
    this.hatchet = hatchet;
    this.o = o;
    this.pushWrite = pushWrite;
  }

  Result run() {
    String payload = "a".repeat(o.payloadBytes());
    BlockingQueue<LoadTest.Event> queue = new ArrayBlockingQueue<>(Math.max(16, o.events * 2));
    AtomicLong pushed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> pushers = new ArrayList<>();
    for (int i = 0; i < o.effectiveEmitWorkers(); i++) {
      Thread t = new Thread(() -> push(queue, pushed, errors), "loadtest-pusher-" + i);
      t.setDaemon(true);
      t.start();
      pushers.add(t);
    }
    long period = 1_000_000_000L / o.events;
    long start = System.nanoTime();
    long end = start + o.duration.toNanos();
    long next = start;
    long id = 0;
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      if (now < next) {
        LockSupport.parkNanos(Math.min(next - now, end - now));
        continue;
      }
      LoadTest.Event ev = new LoadTest.Event(++id, Instant.now(), payload);
      try {
        if (!queue.offer(ev, Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break; // pushers are stuck until the end of the test
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      next += period;
      long after = System.nanoTime();
      if (after - next > period) {
        next = after; // behind by more than a tick: drop ticks instead of bursting
      }
    }
    for (int i = 0; i < pushers.size(); i++) {
      try {
        queue.put(STOP);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // remaining queued events are still pushed; every push has its own deadline, so this ends
    long joinEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    for (Thread t : pushers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinEnd - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return new Result(pushed.get(), errors.get(), start);
  }

  private void push(BlockingQueue<LoadTest.Event> queue, AtomicLong pushed, AtomicLong errors) {
    while (true) {
      LoadTest.Event ev;
      try {
        ev = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (ev == STOP) {
        return;
      }
      try {
        hatchet.events().push(LoadTest.EVENT_KEY, ev, EventOptions.create().metadata("event_id", Long.toString(ev.id())));
        pushed.incrementAndGet();
        pushWrite.add(Math.max(0, java.time.Duration.between(ev.createdAt(), Instant.now()).toNanos()));
      } catch (RuntimeException e) {
        if (errors.getAndIncrement() == 0) {
          log.warn("pushing event {} failed: {}", ev.id(), e.toString());
        }
      }
    }
  }
}
