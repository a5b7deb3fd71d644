package run.hatchet.internal.client;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import run.hatchet.HatchetException;
import run.hatchet.HatchetRpcException;
import run.hatchet.client.BulkIdempotencyCollisionException;
import run.hatchet.client.IdempotencyCollisionException;
import run.hatchet.client.RunOptions;
import run.hatchet.config.ClientConfig;
import run.hatchet.internal.proto.BulkTriggerWorkflowRequest;
import run.hatchet.internal.proto.ScheduleWorkflowRequest;
import run.hatchet.internal.proto.WorkflowVersion;
import run.hatchet.internal.proto.v1.BulkTriggerIdempotencyCollisionError;
import run.hatchet.internal.proto.v1.IdempotencyCollisionError;
import run.hatchet.internal.proto.v1.TriggerWorkflowRequest;
import run.hatchet.internal.registration.ProtoMapping;
import run.hatchet.internal.rest.RestClient;
import run.hatchet.internal.transport.GrpcTransport;
import run.hatchet.serde.Serializer;

/** The shared machinery of one client: transport, serializer, result stream, REST. SDK-internal. */
public final class ClientCore implements AutoCloseable {
  private static final int BULK_CHUNK = 1000;

  private final ClientConfig config;
  private final GrpcTransport transport;
  private final Serializer serializer;
  private final RunListener runListener;
  private final RunStreams runStreams;
  private final RestClient rest;

  public ClientCore(ClientConfig config, Serializer serializer) {
    this.config = config;
    this.serializer = serializer;
    this.transport = new GrpcTransport(config);
    this.runListener = new RunListener(transport, serializer);
    this.runStreams = new RunStreams(transport, runListener);
    this.rest = new RestClient(config);
  }

  public ClientConfig config() {
    return config;
  }

  public GrpcTransport transport() {
    return transport;
  }

  public Serializer serializer() {
    return serializer;
  }

  public RunListener runListener() {
    return runListener;
  }

  public RunStreams runStreams() {
    return runStreams;
  }

  public RestClient rest() {
    return rest;
  }

  /** Triggers one run of {@code workflowName} (un-namespaced); links it to the current task if any. */
  public String trigger(String workflowName, String inputJson, RunOptions options) {
    TriggerWorkflowRequest req = request(workflowName, inputJson, options);
    try {
      return transport.unary("WorkflowService.TriggerWorkflow", transport.workflows(), s -> s.triggerWorkflow(req))
          .getWorkflowRunId();
    } catch (HatchetRpcException e) {
      throw idempotencyOr(e);
    }
  }

  /** Triggers many runs in bulk requests of at most 1000 items and the max message size. */
  public List<String> triggerMany(String workflowName, List<String> inputs, List<RunOptions> options) {
    List<String> ids = new ArrayList<>(inputs.size());
    BulkTriggerWorkflowRequest.Builder chunk = BulkTriggerWorkflowRequest.newBuilder();
    int chunkBytes = 0;
    int limit = config.maxSendMessageSize() - 64 * 1024;
    for (int i = 0; i < inputs.size(); i++) {
      TriggerWorkflowRequest r = request(workflowName, inputs.get(i), options.get(i));
      int size = r.getSerializedSize() + 8;
      if (size > limit) {
        throw new HatchetException("input " + i + " of the bulk run is " + size + " bytes, over the "
            + config.maxSendMessageSize() + "-byte message limit");
      }
      if (chunk.getWorkflowsCount() > 0 && (chunk.getWorkflowsCount() >= BULK_CHUNK || chunkBytes + size > limit)) {
        ids.addAll(sendBulk(chunk.build()));
        chunk = BulkTriggerWorkflowRequest.newBuilder();
        chunkBytes = 0;
      }
      chunk.addWorkflows(r);
      chunkBytes += size;
    }
    if (chunk.getWorkflowsCount() > 0) {
      ids.addAll(sendBulk(chunk.build()));
    }
    return ids;
  }

  private List<String> sendBulk(BulkTriggerWorkflowRequest req) {
    try {
      return transport.unary("WorkflowService.BulkTriggerWorkflow", transport.workflows(), s -> s.bulkTriggerWorkflow(req))
          .getWorkflowRunIdsList();
    } catch (HatchetRpcException e) {
      throw idempotencyOr(e);
    }
  }

  /** Schedules a run at {@code at}; returns the scheduled run's id. */
  public String schedule(String workflowName, Instant at, String inputJson, RunOptions options) {
    ScheduleWorkflowRequest.Builder b = ScheduleWorkflowRequest.newBuilder()
        .setName(config.applyNamespace(workflowName))
        .addSchedules(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
        .setInput(inputJson);
    Map<String, Object> meta = metadata(options, CurrentTask.get());
    if (!meta.isEmpty()) {
      b.setAdditionalMetadata(serializer.toJson(meta));
    }
    if (options.priority() != null) {
      b.setPriority(options.priority());
    }
    WorkflowVersion v = transport.unary("WorkflowService.ScheduleWorkflow", transport.workflows(), s -> s.scheduleWorkflow(b.build()));
    if (v.getScheduledWorkflowsCount() == 0) {
      throw new HatchetException("the engine created no scheduled run for " + workflowName);
    }
    return v.getScheduledWorkflows(0).getId();
  }

  private Map<String, Object> metadata(RunOptions options, CurrentTask.Parent parent) {
    Map<String, Object> meta = new LinkedHashMap<>();
    if (parent != null) {
      parent.additionalMetadata().forEach((k, v) -> {
        if (!k.startsWith("hatchet__")) {
          meta.put(k, v);
        }
      });
    }
    meta.putAll(options.metadata());
    return meta;
  }

  /** The trigger request for one run, linked to the current task when called from inside one. */
  public TriggerWorkflowRequest request(String workflowName, String inputJson, RunOptions options) {
    return request(workflowName, inputJson, options, CurrentTask.get());
  }

  /** The trigger request for one run, the child of {@code parent} unless that is null. */
  public TriggerWorkflowRequest request(String workflowName, String inputJson, RunOptions options, CurrentTask.Parent parent) {
    TriggerWorkflowRequest.Builder b = TriggerWorkflowRequest.newBuilder()
        .setName(config.applyNamespace(workflowName))
        .setInput(inputJson == null ? "" : inputJson);
    Map<String, Object> meta = metadata(options, parent);
    if (!meta.isEmpty()) {
      b.setAdditionalMetadata(serializer.toJson(meta));
    }
    if (options.priority() != null) {
      b.setPriority(options.priority());
    }
    options.desiredLabels().forEach((k, v) -> b.putDesiredWorkerLabels(k, ProtoMapping.desiredLabel(v)));
    if (parent != null) {
      b.setParentId(parent.workflowRunId())
          .setParentTaskRunExternalId(parent.taskRunId())
          .setChildIndex(parent.nextChildIndex());
      if (options.childKey() != null) {
        b.setChildKey(options.childKey());
      }
      if (options.sticky()) {
        b.setDesiredWorkerId(parent.workerId());
      }
    } else if (options.childKey() != null || options.sticky()) {
      throw new HatchetException("childKey and sticky only apply to runs triggered from inside a task");
    }
    return b.build();
  }

  private RuntimeException idempotencyOr(HatchetRpcException e) {
    if (!Status.Code.ALREADY_EXISTS.name().equals(e.code()) || !(e.getCause() instanceof StatusRuntimeException)) {
      return e;
    }
    com.google.rpc.Status status = StatusProto.fromThrowable(e.getCause());
    if (status != null) {
      for (com.google.protobuf.Any any : status.getDetailsList()) {
        if (any.is(BulkTriggerIdempotencyCollisionError.class)) {
          try {
            BulkTriggerIdempotencyCollisionError b = any.unpack(BulkTriggerIdempotencyCollisionError.class);
            java.util.Map<String, String> existing = new java.util.LinkedHashMap<>();
            for (IdempotencyCollisionError c : b.getCollisionsList()) {
              existing.put(c.getCollidingRunExternalId(), c.getExistingRunExternalId());
            }
            return new BulkIdempotencyCollisionException(b.getSuccessfulWorkflowRunExternalIdsList(), existing, e);
          } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
            // fall through to the plain error
          }
        }
        if (any.is(IdempotencyCollisionError.class)) {
          try {
            return new IdempotencyCollisionException(any.unpack(IdempotencyCollisionError.class).getExistingRunExternalId(), e);
          } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
            // fall through to the plain error
          }
        }
      }
    }
    return e;
  }

  @Override
  public void close() {
    runStreams.close();
    runListener.close();
    transport.close();
  }
}
