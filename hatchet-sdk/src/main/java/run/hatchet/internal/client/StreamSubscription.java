package run.hatchet.internal.client;

import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.HatchetException;
import run.hatchet.client.RunStream;
import run.hatchet.internal.proto.ResourceEventType;
import run.hatchet.internal.proto.ResourceType;
import run.hatchet.internal.proto.WorkflowEvent;
import run.hatchet.internal.transport.GrpcTransport;

/**
 * One run's stream: the engine's {@code WorkflowEvent}s go in (from gRPC threads), stream chunks come
 * out of a blocking iterator. Every other event type is dropped; a hangup or a terminal run event ends the
 * iteration after the chunks already received. When the engine ends the call without either, the stream
 * ends normally only once the client has learnt that the run finished ({@link #runFinished()}, expected
 * within moments, since the engine ends a call that way for a run that is already over); otherwise it
 * ends with an error after the grace period, since chunks published after that would never arrive.
 */
public final class StreamSubscription implements RunStream {
  private static final Logger log = LoggerFactory.getLogger(StreamSubscription.class);
  /** Queue marker: no more chunks. */
  private static final Object END = new Object();

  private final String runId;
  private final ScheduledExecutorService scheduler;
  private final Duration grace;
  private final Consumer<StreamSubscription> onFinish;
  /** Chunks ({@link String}), then {@link #END} or a {@link RuntimeException}. Unbounded: the run's chunks are finite. */
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Object lock = new Object();
  private Runnable cancelCall = () -> {};
  private boolean finished;
  /** The client knows the run has finished. */
  private boolean runDone;
  /** The engine ended the call without a hangup or terminal event. */
  private boolean callEnded;
  private ScheduledFuture<?> graceTimer;
  private volatile boolean closed;
  private boolean iterated;

  /**
   * @param grace how long to wait for the engine's own end-of-stream after {@link #runFinished()}, and for
   *     {@link #runFinished()} after the engine ended the call without a terminal event
   * @param onFinish called once when the subscription ends, however it ends
   */
  public StreamSubscription(String runId, ScheduledExecutorService scheduler, Duration grace,
      Consumer<StreamSubscription> onFinish) {
    this.runId = runId;
    this.scheduler = scheduler;
    this.grace = grace;
    this.onFinish = onFinish;
  }

  /** How to cancel the underlying call; set before any event arrives. */
  public void attach(Runnable cancel) {
    synchronized (lock) {
      this.cancelCall = cancel;
    }
  }

  @Override
  public String runId() {
    return runId;
  }

  // ---- the engine's side ----

  public void onEvent(WorkflowEvent e) {
    if (e.getResourceType() == ResourceType.RESOURCE_TYPE_STEP_RUN
        && e.getEventType() == ResourceEventType.RESOURCE_EVENT_TYPE_STREAM) {
      synchronized (lock) {
        if (!finished) {
          queue.add(e.getEventPayload());
        }
      }
    }
    if (e.getHangup() || isRunTerminal(e)) {
      finish(END);
    }
  }

  public void onError(Throwable t) {
    RuntimeException error = t instanceof StatusRuntimeException
        ? GrpcTransport.rpcError("the stream of run " + runId + " (Dispatcher.SubscribeToWorkflowEvents)", (StatusRuntimeException) t)
        : new HatchetException("the stream of run " + runId + " failed: " + t, t);
    finish(error);
  }

  public void onCompleted() {
    synchronized (lock) {
      if (!finished && !runDone) {
        // not the end of the run as far as the client knows yet; the run listener normally says so within moments
        callEnded = true;
        graceTimer = schedule(() -> finish(new HatchetException("the engine ended the stream of run " + runId
            + " before the run finished (still not finished " + graceText() + " later); chunks published from then on"
            + " are not delivered: subscribe again to receive new ones")));
        return;
      }
    }
    finish(END);
  }

  private String graceText() {
    return grace.toMillis() % 1000 == 0 ? grace.toSeconds() + " s" : grace.toMillis() + " ms";
  }

  /**
   * The client has learnt by other means that the run finished. The engine's hangup normally follows
   * within moments; if the engine missed the end (it checks the run's status and subscribes in two
   * steps), the stream ends after the grace period instead of waiting forever.
   */
  public void runFinished() {
    synchronized (lock) {
      if (finished || runDone) {
        return;
      }
      runDone = true;
      if (!callEnded) {
        graceTimer = schedule(() -> {
          log.debug("the engine did not end the stream of finished run {}; ending it {} after the run finished", runId, grace);
          finish(END);
        });
        return;
      }
    }
    finish(END); // the engine had ended the call already: it was the end of the run after all
  }

  // requires lock
  private ScheduledFuture<?> schedule(Runnable action) {
    try {
      return scheduler.schedule(action, grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null; // the client is closing, which ends this stream anyway
    }
  }

  /** Ends the stream with a failure (e.g. the client is closing). */
  public void fail(RuntimeException error) {
    finish(error);
  }

  private static boolean isRunTerminal(WorkflowEvent e) {
    if (e.getResourceType() != ResourceType.RESOURCE_TYPE_WORKFLOW_RUN) {
      return false;
    }
    switch (e.getEventType()) {
      case RESOURCE_EVENT_TYPE_COMPLETED:
      case RESOURCE_EVENT_TYPE_FAILED:
      case RESOURCE_EVENT_TYPE_CANCELLED:
      case RESOURCE_EVENT_TYPE_TIMED_OUT:
        return true;
      default:
        return false;
    }
  }

  private void finish(Object last) {
    Runnable cancel;
    synchronized (lock) {
      if (finished) {
        return;
      }
      finished = true; // events arriving from now on are dropped
      if (graceTimer != null) {
        graceTimer.cancel(false);
      }
      cancel = cancelCall;
    }
    // a no-op when the engine has already ended the call; done before the consumer is woken, so that a
    // consumer that saw the end never finds the call still open
    cancel.run();
    synchronized (lock) {
      if (closed) {
        // the consumer wants no more chunks, not even those already received
        queue.clear();
      }
      queue.add(last);
    }
    onFinish.accept(this);
  }

  // ---- the consumer's side ----

  @Override
  public void close() {
    closed = true;
    finish(END);
  }

  @Override
  public Iterator<String> iterator() {
    synchronized (lock) {
      if (iterated) {
        throw new IllegalStateException("the stream of run " + runId + " can be iterated only once");
      }
      iterated = true;
    }
    return new Chunks();
  }

  @Override
  public Stream<String> stream() {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  @Override
  public String toString() {
    return "RunStream(" + runId + ")";
  }

  private final class Chunks implements Iterator<String> {
    private String next;
    private RuntimeException failure;
    private boolean done;

    @Override
    public boolean hasNext() {
      if (next != null) {
        return true;
      }
      if (failure != null) {
        throw failure;
      }
      if (done || closed) {
        done = true;
        return false;
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        done = true;
        throw new HatchetException("interrupted while waiting for the stream of run " + runId, e);
      }
      if (item instanceof String) {
        next = (String) item;
        return true;
      }
      if (item instanceof RuntimeException && !closed) {
        failure = (RuntimeException) item;
        throw failure;
      }
      done = true;
      return false;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException("the stream of run " + runId + " has ended");
      }
      String chunk = next;
      next = null;
      return chunk;
    }
  }
}
