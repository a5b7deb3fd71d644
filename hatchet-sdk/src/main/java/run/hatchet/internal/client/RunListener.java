package run.hatchet.internal.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.HatchetException;
import run.hatchet.client.RunFailedException;
import run.hatchet.client.WorkflowResult;
import run.hatchet.internal.proto.StepRunResult;
import run.hatchet.internal.proto.SubscribeToWorkflowRunsRequest;
import run.hatchet.internal.proto.WorkflowRunEvent;
import run.hatchet.internal.proto.v1.GetRunDetailsRequest;
import run.hatchet.internal.proto.v1.GetRunDetailsResponse;
import run.hatchet.internal.proto.v1.RunStatus;
import run.hatchet.internal.proto.v1.TaskRunDetail;
import run.hatchet.internal.transport.GrpcTransport;
import run.hatchet.serde.Serializer;

/**
 * Run results for the whole client over one multiplexed {@code SubscribeToWorkflowRuns} stream. The
 * stream is opened on first use and re-opened (re-subscribing every pending run) after a failure.
 */
public final class RunListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RunListener.class);

  private final GrpcTransport transport;
  private final Serializer serializer;
  private final Map<String, CompletableFuture<WorkflowResult>> pending = new ConcurrentHashMap<>();
  private final ExecutorService completer;
  private final ScheduledExecutorService reconnector;
  private final Object lock = new Object();
  private StreamObserver<SubscribeToWorkflowRunsRequest> requests;
  private int failures;
  private boolean closed;

  public RunListener(GrpcTransport transport, Serializer serializer) {
    this.transport = transport;
    this.serializer = serializer;
    this.completer = Executors.newCachedThreadPool(Threads.daemon("hatchet-run-results"));
    this.reconnector = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hatchet-run-listener"));
  }

  /** A future completed when the run finishes (exceptionally with {@link RunFailedException} on failure). */
  public CompletableFuture<WorkflowResult> await(String runId) {
    CompletableFuture<WorkflowResult> created = new CompletableFuture<>();
    CompletableFuture<WorkflowResult> existing = pending.putIfAbsent(runId, created);
    if (existing != null) {
      return existing.thenApply(r -> r);
    }
    synchronized (lock) {
      if (closed) {
        pending.remove(runId);
        created.completeExceptionally(new HatchetException("client is closed"));
        return created;
      }
      if (requests == null) {
        open();
      }
      send(runId);
    }
    return created.thenApply(r -> r);
  }

  // requires lock
  private void open() {
    StreamObserver<WorkflowRunEvent> responses =
        new StreamObserver<>() {
          @Override
          public void onNext(WorkflowRunEvent event) {
            synchronized (lock) {
              failures = 0;
            }
            CompletableFuture<WorkflowResult> f = pending.remove(event.getWorkflowRunId());
            if (f != null) {
              completer.execute(() -> complete(event, f));
            }
          }

          @Override
          public void onError(Throwable t) {
            streamEnded(t);
          }

          @Override
          public void onCompleted() {
            streamEnded(null);
          }
        };
    requests = transport.dispatcherAsync().subscribeToWorkflowRuns(responses);
  }

  // requires lock
  private void send(String runId) {
    try {
      requests.onNext(SubscribeToWorkflowRunsRequest.newBuilder().setWorkflowRunId(runId).build());
    } catch (RuntimeException e) {
      // the stream broke under us; streamEnded will re-subscribe everything pending
      log.debug("could not send subscription for {}: {}", runId, e.toString());
    }
  }

  private void streamEnded(Throwable t) {
    synchronized (lock) {
      requests = null;
      if (closed || pending.isEmpty()) {
        return;
      }
      failures++;
      if (t instanceof StatusRuntimeException
          && ((StatusRuntimeException) t).getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
        HatchetException e = GrpcTransport.rpcError("Dispatcher.SubscribeToWorkflowRuns", (StatusRuntimeException) t);
        new ArrayList<>(pending.keySet()).forEach(id -> {
          CompletableFuture<WorkflowResult> f = pending.remove(id);
          if (f != null) {
            f.completeExceptionally(e);
          }
        });
        return;
      }
      long delay = GrpcTransport.backoffMillis(failures, 250, 5_000);
      if (failures == 1) {
        log.warn("run result stream ended ({}); re-subscribing {} pending run(s)", t == null ? "closed by engine" : t.toString(), pending.size());
      }
      reconnector.schedule(this::resubscribe, delay, TimeUnit.MILLISECONDS);
    }
  }

  private void resubscribe() {
    synchronized (lock) {
      if (closed || requests != null || pending.isEmpty()) {
        return;
      }
      open();
      for (String id : pending.keySet()) {
        send(id);
      }
    }
  }

  private void complete(WorkflowRunEvent event, CompletableFuture<WorkflowResult> f) {
    try {
      String runId = event.getWorkflowRunId();
      if (event.getResultsCount() == 0) {
        // the engine leaves results out when they are too large for the stream
        f.complete(fromDetails(runId));
        return;
      }
      Map<String, String> outputs = new LinkedHashMap<>();
      Map<String, String> errors = new LinkedHashMap<>();
      for (StepRunResult r : event.getResultsList()) {
        if (r.hasError()) {
          errors.put(r.getTaskName(), r.getError());
        } else if (r.hasOutput()) {
          outputs.put(r.getTaskName(), r.getOutput());
        }
      }
      if (!errors.isEmpty()) {
        f.completeExceptionally(new RunFailedException(runId, errors, isCancelled(runId)));
      } else {
        f.complete(new WorkflowResult(runId, outputs, serializer));
      }
    } catch (RuntimeException e) {
      f.completeExceptionally(e);
    }
  }

  private boolean isCancelled(String runId) {
    try {
      return details(runId).getStatus() == RunStatus.CANCELLED;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private GetRunDetailsResponse details(String runId) {
    return transport.unary("AdminService.GetRunDetails", transport.admin(),
        s -> s.getRunDetails(GetRunDetailsRequest.newBuilder().setExternalId(runId).build()));
  }

  private WorkflowResult fromDetails(String runId) {
    GetRunDetailsResponse d = details(runId);
    Map<String, String> outputs = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    for (Map.Entry<String, TaskRunDetail> e : d.getTaskRunsMap().entrySet()) {
      TaskRunDetail t = e.getValue();
      if (t.hasError()) {
        errors.put(e.getKey(), t.getError());
      } else if (t.hasOutput()) {
        outputs.put(e.getKey(), t.getOutput().toString(StandardCharsets.UTF_8));
      }
    }
    if (d.getStatus() == RunStatus.FAILED || d.getStatus() == RunStatus.CANCELLED) {
      throw new RunFailedException(runId, errors, d.getStatus() == RunStatus.CANCELLED);
    }
    return new WorkflowResult(runId, outputs, serializer);
  }

  /** Runs still awaited. */
  public List<String> pendingRuns() {
    return new ArrayList<>(pending.keySet());
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      if (requests != null) {
        try {
          requests.onCompleted();
        } catch (RuntimeException ignored) {
          // already broken
        }
        requests = null;
      }
    }
    pending.values().forEach(f -> f.completeExceptionally(new HatchetException("client closed while waiting for the run")));
    pending.clear();
    reconnector.shutdownNow();
    completer.shutdown();
  }
}
