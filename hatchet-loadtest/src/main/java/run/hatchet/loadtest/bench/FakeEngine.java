package run.hatchet.loadtest.bench;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import run.hatchet.internal.proto.ActionEventResponse;
import run.hatchet.internal.proto.ActionType;
import run.hatchet.internal.proto.AssignedAction;
import run.hatchet.internal.proto.DispatcherGrpc;
import run.hatchet.internal.proto.GetVersionRequest;
import run.hatchet.internal.proto.GetVersionResponse;
import run.hatchet.internal.proto.HeartbeatRequest;
import run.hatchet.internal.proto.HeartbeatResponse;
import run.hatchet.internal.proto.StepActionEvent;
import run.hatchet.internal.proto.StepActionEventType;
import run.hatchet.internal.proto.WorkerListenRequest;
import run.hatchet.internal.proto.WorkerRegisterRequest;
import run.hatchet.internal.proto.WorkerRegisterResponse;
import run.hatchet.internal.proto.WorkerUnsubscribeRequest;
import run.hatchet.internal.proto.WorkerUnsubscribeResponse;
import run.hatchet.internal.proto.v1.AdminServiceGrpc;
import run.hatchet.internal.proto.v1.CreateWorkflowVersionRequest;
import run.hatchet.internal.proto.v1.CreateWorkflowVersionResponse;

/**
 * A stand-in for the engine's worker-facing gRPC API on 127.0.0.1, for benchmarking the SDK's worker
 * without an engine: it accepts registrations, streams the actions a benchmark hands it to the worker and
 * counts the task events the worker reports back.
 */
final class FakeEngine implements AutoCloseable {
  private final Server server;
  private final AtomicReference<StreamObserver<AssignedAction>> stream = new AtomicReference<>();
  private final CountDownLatch listening = new CountDownLatch(1);
  private final AtomicLong finished = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong seq = new AtomicLong();

  FakeEngine() throws IOException {
    server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(new Dispatcher())
        .addService(new Admin())
        .build()
        .start();
  }

  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  /** An unsigned token whose claims name this server; the SDK reads the claims, the fake never checks. */
  String token() {
    String claims = "{\"sub\":\"00000000-0000-0000-0000-000000000001\",\"grpc_broadcast_address\":\"" + hostPort()
        + "\",\"server_url\":\"http://127.0.0.1:1\"}";
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".x";
  }

  boolean awaitListening(long seconds) throws InterruptedException {
    return listening.await(seconds, TimeUnit.SECONDS);
  }

  long finished() {
    return finished.get();
  }

  long started() {
    return started.get();
  }

  /** Streams {@code n} task assignments of {@code actionId} with this payload (the task's input JSON). */
  void dispatch(int n, String actionId, String inputJson) {
    StreamObserver<AssignedAction> s = stream.get();
    String payload = "{\"input\":" + inputJson + "}";
    for (int i = 0; i < n; i++) {
      long k = seq.incrementAndGet();
      s.onNext(AssignedAction.newBuilder()
          .setTenantId("00000000-0000-0000-0000-000000000001")
          .setWorkflowRunId(new UUID(1, k).toString())
          .setJobId("job")
          .setJobName("bench")
          .setJobRunId(new UUID(2, k).toString())
          .setTaskId("task")
          .setTaskRunExternalId(new UUID(3, k).toString())
          .setActionId(actionId)
          .setActionType(ActionType.START_STEP_RUN)
          .setActionPayload(payload)
          .setTaskName("bench")
          .setAdditionalMetadata("{\"event_id\":\"" + k + "\"}")
          .build());
    }
  }

  @Override
  public void close() {
    StreamObserver<AssignedAction> s = stream.get();
    if (s != null) {
      try {
        s.onCompleted();
      } catch (RuntimeException ignored) {
        // the worker already went away
      }
    }
    server.shutdownNow();
  }

  private final class Dispatcher extends DispatcherGrpc.DispatcherImplBase {
    @Override
    public void getVersion(GetVersionRequest request, StreamObserver<GetVersionResponse> out) {
      out.onNext(GetVersionResponse.newBuilder().setVersion("v0.104.7").build());
      out.onCompleted();
    }

    @Override
    public void register(WorkerRegisterRequest request, StreamObserver<WorkerRegisterResponse> out) {
      out.onNext(WorkerRegisterResponse.newBuilder().setWorkerId(UUID.randomUUID().toString())
          .setWorkerName(request.getWorkerName()).build());
      out.onCompleted();
    }

    @Override
    public void listenV2(WorkerListenRequest request, StreamObserver<AssignedAction> out) {
      stream.set(out);
      listening.countDown();
    }

    @Override
    public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> out) {
      out.onNext(HeartbeatResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void sendStepActionEvent(StepActionEvent request, StreamObserver<ActionEventResponse> out) {
      if (request.getEventType() == StepActionEventType.STEP_EVENT_TYPE_STARTED) {
        started.incrementAndGet();
      } else {
        finished.incrementAndGet();
      }
      out.onNext(ActionEventResponse.newBuilder().setWorkerId(request.getWorkerId()).build());
      out.onCompleted();
    }

    @Override
    public void unsubscribe(WorkerUnsubscribeRequest request, StreamObserver<WorkerUnsubscribeResponse> out) {
      out.onNext(WorkerUnsubscribeResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  private static final class Admin extends AdminServiceGrpc.AdminServiceImplBase {
    @Override
    public void putWorkflow(CreateWorkflowVersionRequest request, StreamObserver<CreateWorkflowVersionResponse> out) {
      out.onNext(CreateWorkflowVersionResponse.getDefaultInstance());
      out.onCompleted();
    }
  }
}
