package run.hatchet.internal.registration;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import run.hatchet.config.ClientConfig;
import run.hatchet.definition.Condition;
import run.hatchet.definition.DesiredLabel;
import run.hatchet.definition.RateLimit;
import run.hatchet.internal.proto.v1.Action;
import run.hatchet.internal.proto.v1.BaseMatchCondition;
import run.hatchet.internal.proto.v1.Concurrency;
import run.hatchet.internal.proto.v1.ConcurrencyLimitStrategy;
import run.hatchet.internal.proto.v1.CreateTaskOpts;
import run.hatchet.internal.proto.v1.CreateTaskRateLimit;
import run.hatchet.internal.proto.v1.CreateWorkflowVersionRequest;
import run.hatchet.internal.proto.v1.DefaultFilter;
import run.hatchet.internal.proto.v1.DesiredWorkerLabels;
import run.hatchet.internal.proto.v1.IdempotencyConfig;
import run.hatchet.internal.proto.v1.IdempotencyMethod;
import run.hatchet.internal.proto.v1.ParentOverrideMatchCondition;
import run.hatchet.internal.proto.v1.RateLimitDuration;
import run.hatchet.internal.proto.v1.SleepMatchCondition;
import run.hatchet.internal.proto.v1.StickyStrategy;
import run.hatchet.internal.proto.v1.TaskConditions;
import run.hatchet.internal.proto.v1.UserEventMatchCondition;
import run.hatchet.internal.proto.v1.WorkerLabelComparator;

/** Turns validated definitions into the engine's registration messages. */
public final class ProtoMapping {
  private static final com.fasterxml.jackson.databind.ObjectMapper SCHEMA_MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private ProtoMapping() {}

  /** {@code <namespace><workflow>:<task>}, all lower-case, as workers advertise and the engine queues. */
  public static String actionId(ClientConfig config, String workflowName, String taskName) {
    return (config.applyNamespace(workflowName) + ":" + taskName).toLowerCase(Locale.ROOT);
  }

  public static CreateWorkflowVersionRequest workflow(ClientConfig config, WorkflowSpec w) {
    CreateWorkflowVersionRequest.Builder b = CreateWorkflowVersionRequest.newBuilder()
        .setName(config.applyNamespace(w.name))
        .setDescription(w.description)
        .setVersion(w.version);
    for (String e : w.eventTriggers) {
      b.addEventTriggers(config.applyNamespace(e));
    }
    b.addAllCronTriggers(w.crons);
    if (w.cronInputJson != null) {
      b.setCronInput(w.cronInputJson);
    }
    if (w.sticky != null) {
      b.setSticky(StickyStrategy.valueOf(w.sticky.name()));
    }
    if (w.defaultPriority != null) {
      b.setDefaultPriority(w.defaultPriority);
    }
    for (run.hatchet.definition.Concurrency c : w.concurrency) {
      b.addConcurrencyArr(concurrency(c));
    }
    for (WorkflowSpec.Filter f : w.defaultFilters) {
      DefaultFilter.Builder fb = DefaultFilter.newBuilder().setExpression(f.expression).setScope(f.scope);
      if (f.payloadJson != null) {
        fb.setPayload(ByteString.copyFrom(f.payloadJson, StandardCharsets.UTF_8));
      }
      b.addDefaultFilters(fb);
    }
    if (w.idempotency != null) {
      b.setIdempotency(IdempotencyConfig.newBuilder()
          .setExpression(w.idempotency.expression)
          .setTtlMs(w.idempotency.ttl.toMillis())
          .setMethod(w.idempotency.untilFinished ? IdempotencyMethod.STATUS : IdempotencyMethod.TTL));
    }
    Map<String, Object> schema = JsonSchemas.of(w.inputType);
    if (schema != null) {
      try {
        b.setInputJsonSchema(ByteString.copyFrom(SCHEMA_MAPPER.writeValueAsBytes(schema)));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot write the input schema of " + w.name, e);
      }
    }
    for (TaskSpec t : w.tasks) {
      b.addTasks(task(config, w, t));
    }
    if (w.onFailure != null) {
      b.setOnFailureTask(task(config, w, w.onFailure));
    }
    return b.build();
  }

  static CreateTaskOpts task(ClientConfig config, WorkflowSpec w, TaskSpec t) {
    CreateTaskOpts.Builder b = CreateTaskOpts.newBuilder()
        .setReadableId(t.name)
        .setAction(actionId(config, w.name, t.name))
        .setTimeout(t.executionTimeout == null ? "60s" : Durations.format(t.executionTimeout))
        .setInputs("{}")
        .addAllParents(t.parents)
        .setRetries(t.retries == null ? 0 : t.retries)
        .setIsDurable(t.durable)
        .putAllSlotRequests(t.effectiveSlotRequests());
    if (t.scheduleTimeout != null) {
      b.setScheduleTimeout(Durations.format(t.scheduleTimeout));
    }
    if (t.backoffFactor != null) {
      b.setBackoffFactor(t.backoffFactor.floatValue());
    }
    if (t.backoffMaxSeconds != null) {
      b.setBackoffMaxSeconds(t.backoffMaxSeconds);
    }
    for (RateLimit r : t.rateLimits) {
      b.addRateLimits(rateLimit(r));
    }
    t.desiredLabels.forEach((k, v) -> b.putWorkerLabels(k, desiredLabel(v)));
    for (run.hatchet.definition.Concurrency c : t.concurrency) {
      b.addConcurrency(concurrency(c));
    }
    if (!t.waitFor.isEmpty() || !t.skipIf.isEmpty() || !t.cancelIf.isEmpty()) {
      TaskConditions.Builder cb = TaskConditions.newBuilder();
      addConditions(config, cb, t.waitFor, Action.QUEUE);
      addConditions(config, cb, t.skipIf, Action.SKIP);
      addConditions(config, cb, t.cancelIf, Action.CANCEL);
      b.setConditions(cb);
    }
    return b.build();
  }

  private static void addConditions(ClientConfig config, TaskConditions.Builder cb, List<Condition> conditions, Action action) {
    for (Condition c : conditions) {
      if (c instanceof Condition.Or) {
        String group = UUID.randomUUID().toString();
        for (Condition member : ((Condition.Or) c).conditions()) {
          addCondition(config, cb, member, action, group);
        }
      } else {
        addCondition(config, cb, c, action, UUID.randomUUID().toString());
      }
    }
  }

  private static void addCondition(ClientConfig config, TaskConditions.Builder cb, Condition c, Action action, String group) {
    if (c instanceof Condition.Sleep) {
      String d = Durations.format(((Condition.Sleep) c).duration());
      cb.addSleepConditions(SleepMatchCondition.newBuilder()
          .setBase(base("sleep:" + d, action, group, ""))
          .setSleepFor(d));
    } else if (c instanceof Condition.UserEvent) {
      Condition.UserEvent e = (Condition.UserEvent) c;
      String key = config.applyNamespace(e.eventKey());
      UserEventMatchCondition.Builder ub = UserEventMatchCondition.newBuilder()
          .setBase(base(key, action, group, e.expression() == null ? "" : e.expression()))
          .setUserEventKey(key);
      if (e.scope() != null) {
        ub.setEventScope(e.scope());
      }
      cb.addUserEventConditions(ub);
    } else if (c instanceof Condition.ParentOutput) {
      Condition.ParentOutput p = (Condition.ParentOutput) c;
      cb.addParentOverrideConditions(ParentOverrideMatchCondition.newBuilder()
          .setBase(base(p.parentName(), action, group, p.expression()))
          .setParentReadableId(p.parentName()));
    }
  }

  private static BaseMatchCondition base(String key, Action action, String group, String expression) {
    return BaseMatchCondition.newBuilder()
        .setReadableDataKey(key)
        .setAction(action)
        .setOrGroupId(group)
        .setExpression(expression)
        .build();
  }

  static Concurrency concurrency(run.hatchet.definition.Concurrency c) {
    return Concurrency.newBuilder()
        .setExpression(c.expression())
        .setMaxRuns(c.maxRuns())
        .setLimitStrategy(ConcurrencyLimitStrategy.valueOf(c.strategy().name()))
        .build();
  }

  static CreateTaskRateLimit rateLimit(RateLimit r) {
    CreateTaskRateLimit.Builder b = CreateTaskRateLimit.newBuilder().setKey(r.key());
    if (r.keyExpr() == null && r.unitsExpr() == null && r.limitExpr() == null) {
      // the expression path with limit -1 avoids requiring the key to exist before registration
      b.setLimitValuesExpr("-1").setDuration(RateLimitDuration.MINUTE);
    } else {
      if (r.keyExpr() != null) {
        b.setKeyExpr(r.keyExpr());
      }
      if (r.unitsExpr() != null) {
        b.setUnitsExpr(r.unitsExpr());
      }
      if (r.limitExpr() != null) {
        b.setLimitValuesExpr(r.limitExpr());
      }
      b.setDuration(RateLimitDuration.valueOf((r.duration() == null ? run.hatchet.definition.RateLimitDuration.MINUTE : r.duration()).name()));
    }
    if (r.units() != null) {
      b.setUnits(r.units());
    }
    return b.build();
  }

  public static DesiredWorkerLabels desiredLabel(DesiredLabel l) {
    DesiredWorkerLabels.Builder b = DesiredWorkerLabels.newBuilder()
        .setRequired(l.isRequired())
        .setWeight(l.weight())
        .setComparator(WorkerLabelComparator.valueOf(l.comparator().name()));
    if (l.stringValue() != null) {
      b.setStrValue(l.stringValue());
    } else if (l.intValue() != null) {
      b.setIntValue(l.intValue());
    }
    return b.build();
  }

  /** Worker labels as the registration expects them. */
  public static Map<String, run.hatchet.internal.proto.WorkerLabels> workerLabels(Map<String, String> labels) {
    Map<String, run.hatchet.internal.proto.WorkerLabels> out = new java.util.LinkedHashMap<>();
    labels.forEach((k, v) -> {
      run.hatchet.internal.proto.WorkerLabels.Builder b = run.hatchet.internal.proto.WorkerLabels.newBuilder();
      if (v != null && v.matches("-?\\d{1,9}")) {
        b.setIntValue(Integer.parseInt(v));
      } else {
        b.setStrValue(v == null ? "" : v);
      }
      out.put(k, b.build());
    });
    return out;
  }
}
