package run.hatchet.internal.worker;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import run.hatchet.HatchetException;
import run.hatchet.internal.client.Threads;
import run.hatchet.internal.proto.v1.DurableEventLogEntryRef;
import run.hatchet.internal.proto.v1.DurableTaskAwaitedCompletedEntry;
import run.hatchet.internal.proto.v1.DurableTaskErrorResponse;
import run.hatchet.internal.proto.v1.DurableTaskErrorType;
import run.hatchet.internal.proto.v1.DurableTaskEventLogEntryCompletedResponse;
import run.hatchet.internal.proto.v1.DurableTaskRequest;
import run.hatchet.internal.proto.v1.DurableTaskRequestRegisterWorker;
import run.hatchet.internal.proto.v1.DurableTaskResponse;
import run.hatchet.internal.proto.v1.DurableTaskWorkerStatusRequest;
import run.hatchet.internal.transport.GrpcTransport;
import run.hatchet.worker.NonDeterminismException;

/**
 * The worker's one {@code V1Dispatcher.DurableTask} stream. Requests are correlated by (task run,
 * invocation): each durable context keeps at most one request outstanding. Completions of awaited log
 * entries may arrive before anyone waits for them and are kept briefly. While entries are awaited the
 * worker reports them every second, which is also how completions missed during a reconnect come back.
 */
final class DurableStream {
  private static final Logger log = LoggerFactory.getLogger(DurableStream.class);
  static final long ACK_TIMEOUT_SECONDS = 60;
  private static final long BUFFER_TTL_MILLIS = 60_000;

  /** (task run, invocation). */
  record AckKey(String taskRunId, int invocation) {}

  /** (task run, invocation, branch, node). */
  record EntryKey(String taskRunId, int invocation, long branchId, long nodeId) {
    static EntryKey of(DurableEventLogEntryRef ref) {
      return new EntryKey(ref.getDurableTaskExternalId(), ref.getInvocationCount(), ref.getBranchId(), ref.getNodeId());
    }
  }

  private record Buffered(DurableTaskEventLogEntryCompletedResponse value, long at) {}

  private final GrpcTransport transport;
  private final String workerId;
  private final BiConsumer<String, Integer> onServerEvict;
  private final Map<AckKey, CompletableFuture<DurableTaskResponse>> acks = new ConcurrentHashMap<>();
  private final Map<EntryKey, CompletableFuture<DurableTaskEventLogEntryCompletedResponse>> waits = new ConcurrentHashMap<>();
  private final Map<EntryKey, Buffered> buffered = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.daemon("hatchet-durable"));
  private final Object sendLock = new Object();
  private StreamObserver<DurableTaskRequest> requests;
  private volatile boolean closed;
  private int failures;

  DurableStream(GrpcTransport transport, String workerId, BiConsumer<String, Integer> onServerEvict) {
    this.transport = transport;
    this.workerId = workerId;
    this.onServerEvict = onServerEvict;
    synchronized (sendLock) {
      open();
    }
    timer.scheduleWithFixedDelay(this::poll, 1, 1, TimeUnit.SECONDS);
  }

  // requires sendLock
  private void open() {
    requests = transport.v1DispatcherAsync().durableTask(new StreamObserver<>() {
      @Override
      public void onNext(DurableTaskResponse r) {
        handle(r);
      }

      @Override
      public void onError(Throwable t) {
        ended(t);
      }

      @Override
      public void onCompleted() {
        ended(null);
      }
    });
    requests.onNext(DurableTaskRequest.newBuilder()
        .setRegisterWorker(DurableTaskRequestRegisterWorker.newBuilder().setWorkerId(workerId)).build());
  }

  private void ended(Throwable t) {
    if (closed) {
      return;
    }
    HatchetException lost = new HatchetException("the durable task stream to the engine was lost"
        + (t == null ? "" : ": " + t.getMessage()) + "; the attempt will be retried");
    // requests in flight may be lost; their attempts fail and the engine retries them
    acks.values().forEach(f -> f.completeExceptionally(lost));
    acks.clear();
    int n;
    synchronized (sendLock) {
      requests = null;
      n = ++failures;
    }
    if (n == 1) {
      log.warn("durable task stream ended ({}); reconnecting", t == null ? "closed by engine" : t.toString());
    }
    if (t instanceof StatusRuntimeException && ((StatusRuntimeException) t).getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
      log.error("the engine does not support the durable task stream (engine >= v0.80.0 is needed)");
      return;
    }
    timer.schedule(this::reconnect, GrpcTransport.backoffMillis(n, 1_000, 5_000), TimeUnit.MILLISECONDS);
  }

  private void reconnect() {
    synchronized (sendLock) {
      if (closed || requests != null) {
        return;
      }
      try {
        open();
      } catch (RuntimeException e) {
        ended(e);
        return;
      }
    }
    poll();
  }

  private void send(DurableTaskRequest req) {
    synchronized (sendLock) {
      if (requests == null) {
        throw new HatchetException("the durable task stream is reconnecting; the attempt will be retried");
      }
      requests.onNext(req);
    }
  }

  /** Sends a request and returns the future of its acknowledgement (or error). */
  CompletableFuture<DurableTaskResponse> request(String taskRunId, int invocation, DurableTaskRequest req) {
    AckKey key = new AckKey(taskRunId, invocation);
    CompletableFuture<DurableTaskResponse> f = new CompletableFuture<>();
    if (acks.putIfAbsent(key, f) != null) {
      throw new IllegalStateException("a durable request for " + key + " is already outstanding");
    }
    try {
      send(req);
    } catch (RuntimeException e) {
      acks.remove(key, f);
      throw e;
    }
    return f.orTimeout(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((r, e) -> acks.remove(key, f));
  }

  /** Sends a request that gets no answer. */
  void fireAndForget(DurableTaskRequest req) {
    send(req);
  }

  /** The completion of a log entry: at once if it already arrived, otherwise when it does. */
  CompletableFuture<DurableTaskEventLogEntryCompletedResponse> awaitEntry(EntryKey key) {
    Buffered b = buffered.remove(key);
    if (b != null) {
      return CompletableFuture.completedFuture(b.value());
    }
    CompletableFuture<DurableTaskEventLogEntryCompletedResponse> f = waits.computeIfAbsent(key, k -> new CompletableFuture<>());
    timer.execute(this::poll);
    return f;
  }

  /** Forgets everything about an invocation (it finished, was cancelled or superseded). */
  void forget(String taskRunId, int invocation) {
    HatchetException gone = new HatchetException("invocation " + invocation + " of task run " + taskRunId + " ended");
    waits.entrySet().removeIf(e -> {
      if (e.getKey().taskRunId().equals(taskRunId) && e.getKey().invocation() <= invocation) {
        e.getValue().completeExceptionally(gone);
        return true;
      }
      return false;
    });
    buffered.keySet().removeIf(k -> k.taskRunId().equals(taskRunId) && k.invocation() <= invocation);
  }

  private void poll() {
    long now = System.currentTimeMillis();
    buffered.values().removeIf(b -> now - b.at() > BUFFER_TTL_MILLIS);
    if (waits.isEmpty()) {
      return;
    }
    List<DurableTaskAwaitedCompletedEntry> entries = new ArrayList<>();
    for (EntryKey k : waits.keySet()) {
      entries.add(DurableTaskAwaitedCompletedEntry.newBuilder()
          .setDurableTaskExternalId(k.taskRunId())
          .setInvocationCount(k.invocation())
          .setBranchId(k.branchId())
          .setNodeId(k.nodeId())
          .build());
    }
    try {
      send(DurableTaskRequest.newBuilder().setWorkerStatus(DurableTaskWorkerStatusRequest.newBuilder()
          .setWorkerId(workerId).addAllWaitingEntries(entries)).build());
    } catch (RuntimeException e) {
      log.debug("durable status poll not sent: {}", e.getMessage());
    }
  }

  private void handle(DurableTaskResponse r) {
    synchronized (sendLock) {
      failures = 0;
    }
    switch (r.getMessageCase()) {
      case MEMO_ACK:
        ack(r.getMemoAck().getRef().getDurableTaskExternalId(), r.getMemoAck().getRef().getInvocationCount(), r);
        break;
      case TRIGGER_RUNS_ACK:
        ack(r.getTriggerRunsAck().getDurableTaskExternalId(), r.getTriggerRunsAck().getInvocationCount(), r);
        break;
      case WAIT_FOR_ACK:
        ack(r.getWaitForAck().getRef().getDurableTaskExternalId(), r.getWaitForAck().getRef().getInvocationCount(), r);
        break;
      case EVICTION_ACK:
        ack(r.getEvictionAck().getDurableTaskExternalId(), r.getEvictionAck().getInvocationCount(), r);
        break;
      case ENTRY_COMPLETED: {
        DurableTaskEventLogEntryCompletedResponse c = r.getEntryCompleted();
        EntryKey key = EntryKey.of(c.getRef());
        CompletableFuture<DurableTaskEventLogEntryCompletedResponse> f = waits.remove(key);
        if (f != null) {
          f.complete(c);
        } else {
          buffered.put(key, new Buffered(c, System.currentTimeMillis()));
        }
        break;
      }
      case ERROR:
        error(r.getError());
        break;
      case SERVER_EVICT:
        log.info("engine evicted invocation {} of durable task run {}: {}", r.getServerEvict().getInvocationCount(),
            r.getServerEvict().getDurableTaskExternalId(), r.getServerEvict().getReason());
        forget(r.getServerEvict().getDurableTaskExternalId(), r.getServerEvict().getInvocationCount());
        onServerEvict.accept(r.getServerEvict().getDurableTaskExternalId(), r.getServerEvict().getInvocationCount());
        break;
      default:
        break;
    }
  }

  private void ack(String taskRunId, int invocation, DurableTaskResponse r) {
    CompletableFuture<DurableTaskResponse> f = acks.get(new AckKey(taskRunId, invocation));
    if (f != null) {
      f.complete(r);
    }
  }

  private void error(DurableTaskErrorResponse e) {
    DurableEventLogEntryRef ref = e.getRef();
    RuntimeException ex = e.getErrorType() == DurableTaskErrorType.DURABLE_TASK_ERROR_TYPE_NONDETERMINISM
        ? new NonDeterminismException("non-determinism in durable task run " + ref.getDurableTaskExternalId()
            + " at node " + ref.getNodeId() + ": " + e.getErrorMessage(), ref.getNodeId())
        : new HatchetException("durable task error: " + e.getErrorMessage());
    CompletableFuture<DurableTaskResponse> a = acks.get(new AckKey(ref.getDurableTaskExternalId(), ref.getInvocationCount()));
    if (a != null) {
      a.completeExceptionally(ex);
    }
    CompletableFuture<DurableTaskEventLogEntryCompletedResponse> w = waits.remove(EntryKey.of(ref));
    if (w != null) {
      w.completeExceptionally(ex);
    }
  }

  void close() {
    closed = true;
    timer.shutdownNow();
    synchronized (sendLock) {
      if (requests != null) {
        try {
          requests.onCompleted();
        } catch (RuntimeException ignored) {
          // already broken
        }
        requests = null;
      }
    }
  }
}
