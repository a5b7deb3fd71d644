package run.hatchet.internal.client;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import run.hatchet.HatchetException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.RunStream;
import run.hatchet.internal.proto.SubscribeToWorkflowEventsRequest;
import run.hatchet.internal.proto.WorkflowEvent;
import run.hatchet.internal.transport.GrpcTransport;

/**
 * Opens run stream subscriptions: one {@code SubscribeToWorkflowEvents} call per subscription (the engine
 * has no multiplexed form of it), each watched through the client's run result stream so that it ends
 * even if the engine misses the end of the run.
 */
public final class RunStreams implements AutoCloseable {
  /** How long after the run finished to wait for the engine's own end of the stream. */
  static final Duration END_GRACE = Duration.ofSeconds(10);

  private final GrpcTransport transport;
  private final RunListener runListener;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Threads.daemon("hatchet-run-streams"));
  private final Set<StreamSubscription> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public RunStreams(GrpcTransport transport, RunListener runListener) {
    this.transport = transport;
    this.runListener = runListener;
  }

  /** Subscribes to the chunks of a workflow run; see {@link RunStream} for what is delivered. */
  public RunStream subscribe(String workflowRunId) {
    Objects.requireNonNull(workflowRunId, "workflowRunId");
    if (workflowRunId.isBlank()) {
      throw new IllegalArgumentException("workflowRunId must not be blank");
    }
    StreamSubscription sub = new StreamSubscription(workflowRunId, scheduler, END_GRACE, open::remove);
    open.add(sub);
    if (closed) {
      sub.fail(new HatchetException("client is closed"));
      return sub;
    }
    ClientResponseObserver<SubscribeToWorkflowEventsRequest, WorkflowEvent> observer =
        new ClientResponseObserver<>() {
          @Override
          public void beforeStart(ClientCallStreamObserver<SubscribeToWorkflowEventsRequest> call) {
            sub.attach(() -> call.cancel("the client closed the run stream", null));
          }

          @Override
          public void onNext(WorkflowEvent event) {
            sub.onEvent(event);
          }

          @Override
          public void onError(Throwable t) {
            sub.onError(t);
          }

          @Override
          public void onCompleted() {
            sub.onCompleted();
          }
        };
    transport.dispatcherAsync().subscribeToWorkflowEvents(
        SubscribeToWorkflowEventsRequest.newBuilder().setWorkflowRunId(workflowRunId).build(), observer);
    runListener.await(workflowRunId).whenComplete((result, error) -> {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      // a failed or cancelled run has finished too; other errors (a closed client) end the call itself
      if (error == null || cause instanceof RunFailedException) {
        sub.runFinished();
      }
    });
    return sub;
  }

  @Override
  public void close() {
    closed = true;
    for (StreamSubscription sub : new ArrayList<>(open)) {
      sub.fail(new HatchetException("client closed while streaming run " + sub.runId()));
    }
    scheduler.shutdownNow();
  }
}
