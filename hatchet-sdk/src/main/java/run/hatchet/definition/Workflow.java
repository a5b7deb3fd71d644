package run.hatchet.definition;

import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import run.hatchet.client.WorkflowResult;
import run.hatchet.internal.client.ClientCore;
import run.hatchet.internal.registration.TaskSpec;
import run.hatchet.internal.registration.WorkflowSpec;

/**
 * A workflow: tasks with dependencies (a DAG), run together on one input. Create with
 * {@code hatchet.workflow(...)}, add tasks, register it on a worker and run it.
 */
public final class Workflow<I> extends Definition<I, WorkflowResult> {
  private final WorkflowOptions options;
  private final Map<String, TaskSpec> tasks = new LinkedHashMap<>();
  private final Map<String, Ref<?>> refs = new HashMap<>();
  private TaskSpec onFailure;
  private TaskSpec onSuccess;
  private final boolean stub;

  public Workflow(ClientCore core, String name, Type inputType, Consumer<WorkflowOptions> configure) {
    this(core, name, inputType, configure, false);
  }

  private Workflow(ClientCore core, String name, Type inputType, Consumer<WorkflowOptions> configure, boolean stub) {
    super(core, name, inputType);
    this.options = new WorkflowOptions();
    this.stub = stub;
    if (configure != null) {
      configure.accept(options);
    }
  }

  /** SDK-internal; use {@code hatchet.stubWorkflow(...)}: a workflow served elsewhere, run by name. */
  public static <I> Workflow<I> stub(ClientCore core, String name, Type inputType) {
    return new Workflow<>(core, name, inputType, null, true);
  }

  private void notStub() {
    if (stub) {
      throw new InvalidDefinitionException("workflow '" + name
          + "' is a stub for a workflow served elsewhere: it can be run, but not given tasks or registered on a worker");
    }
  }

  /** Adds a task. */
  public <O> TaskRef<O> task(String name, Class<O> outputType, TaskFn<I, O> fn) {
    return task(name, outputType, fn, null);
  }

  /** Adds a task with options (parents, retries, timeouts, conditions, …). */
  @SuppressWarnings("unchecked")
  public <O> TaskRef<O> task(String name, Class<O> outputType, TaskFn<I, O> fn, Consumer<TaskOptions> configure) {
    return add(name, outputType, false, TaskSpec.Kind.NORMAL, (in, ctx) -> fn.apply((I) in, (run.hatchet.worker.Context) ctx), configure);
  }

  /** Adds a durable task: it runs on durable slots and its context sleeps, waits and memoises durably. */
  public <O> TaskRef<O> durableTask(String name, Class<O> outputType, DurableTaskFn<I, O> fn) {
    return durableTask(name, outputType, fn, null);
  }

  /** Adds a durable task with options. */
  @SuppressWarnings("unchecked")
  public <O> TaskRef<O> durableTask(String name, Class<O> outputType, DurableTaskFn<I, O> fn, Consumer<TaskOptions> configure) {
    return add(name, outputType, true, TaskSpec.Kind.NORMAL,
        (in, ctx) -> fn.apply((I) in, (run.hatchet.worker.DurableContext) ctx), configure);
  }

  /** A task that runs once when any task of a run fails; {@code ctx.taskRunErrors()} tells which. */
  @SuppressWarnings("unchecked")
  public <O> TaskRef<O> onFailure(String name, Class<O> outputType, TaskFn<I, O> fn) {
    if (onFailure != null) {
      throw new InvalidDefinitionException("workflow '" + this.name + "' already has an on-failure task");
    }
    TaskRef<O> ref = add(name, outputType, false, TaskSpec.Kind.ON_FAILURE,
        (in, ctx) -> fn.apply((I) in, (run.hatchet.worker.Context) ctx), null);
    onFailure = tasks.remove(name);
    return ref;
  }

  /** A task that runs after every other task of a run has completed. */
  @SuppressWarnings("unchecked")
  public <O> TaskRef<O> onSuccess(String name, Class<O> outputType, TaskFn<I, O> fn) {
    if (onSuccess != null) {
      throw new InvalidDefinitionException("workflow '" + this.name + "' already has an on-success task");
    }
    TaskRef<O> ref = add(name, outputType, false, TaskSpec.Kind.ON_SUCCESS,
        (in, ctx) -> fn.apply((I) in, (run.hatchet.worker.Context) ctx), null);
    onSuccess = tasks.remove(name);
    return ref;
  }

  private <O> TaskRef<O> add(String taskName, Class<O> outputType, boolean durable, TaskSpec.Kind kind,
      TaskSpec.Invoker invoker, Consumer<TaskOptions> configure) {
    notStub();
    Validation.name(taskName, "task name");
    if (tasks.containsKey(taskName) || refs.containsKey(taskName)) {
      throw new InvalidDefinitionException("workflow '" + name + "' already has a task named '" + taskName + "'");
    }
    TaskOptions o = options.taskDefaults.copyOf();
    if (configure != null) {
      configure.accept(o);
    }
    List<String> parents = new ArrayList<>();
    for (TaskRef<?> p : o.parents) {
      if (!(p instanceof Ref) || ((Ref<?>) p).owner != this) {
        throw new InvalidDefinitionException(
            "task '" + taskName + "' of workflow '" + name + "' names parent '" + p.name() + "', which is not a task of this workflow");
      }
      parents.add(p.name());
    }
    if (parents.isEmpty() && !(o.waitFor.isEmpty() && o.skipIf.isEmpty() && o.cancelIf.isEmpty())) {
      throw new InvalidDefinitionException("task '" + taskName + "' of workflow '" + name
          + "' has waitFor/skipIf/cancelIf conditions but no parents: the engine evaluates conditions when a task's"
          + " parents complete, so give it a parent task");
    }
    Validation.duration(o.executionTimeout, "task '" + taskName + "' execution timeout");
    Validation.duration(o.scheduleTimeout, "task '" + taskName + "' schedule timeout");
    for (Condition c : conditions(o)) {
      if (c instanceof Condition.Sleep) {
        Validation.duration(((Condition.Sleep) c).duration(), "task '" + taskName + "' sleep condition");
      }
    }
    if (o.backoffFactor != null && (o.backoffFactor < 1 || o.backoffFactor > 1000)) {
      throw new InvalidDefinitionException("task '" + taskName + "' backoff factor must be between 1 and 1000");
    }
    if (o.backoffMaxSeconds != null && (o.backoffMaxSeconds < 1 || o.backoffMaxSeconds > 86_400)) {
      throw new InvalidDefinitionException("task '" + taskName + "' backoff max seconds must be between 1 and 86400");
    }
    TaskSpec spec = new TaskSpec(taskName, outputType, durable, kind, o.retries, o.backoffFactor, o.backoffMaxSeconds,
        o.executionTimeout, o.scheduleTimeout, parents, o.concurrency, o.rateLimits, o.desiredLabels, o.waitFor,
        o.skipIf, o.cancelIf, o.slotRequests, invoker,
        durable ? (o.eviction == null ? EvictionPolicy.DEFAULT : o.eviction) : null);
    tasks.put(taskName, spec);
    Ref<O> ref = new Ref<>(this, taskName, outputType);
    refs.put(taskName, ref);
    return ref;
  }

  private static List<Condition> conditions(TaskOptions o) {
    List<Condition> all = new ArrayList<>();
    for (List<Condition> l : List.of(o.waitFor, o.skipIf, o.cancelIf)) {
      for (Condition c : l) {
        if (c instanceof Condition.Or) {
          all.addAll(((Condition.Or) c).conditions());
        } else {
          all.add(c);
        }
      }
    }
    return all;
  }

  @Override
  public WorkflowSpec spec() {
    notStub();
    if (tasks.isEmpty()) {
      throw new InvalidDefinitionException("workflow '" + name + "' has no tasks");
    }
    List<TaskSpec> all = new ArrayList<>(tasks.values());
    if (onSuccess != null) {
      // runs after every leaf task
      Set<String> nonLeaves = new HashSet<>();
      for (TaskSpec t : all) {
        nonLeaves.addAll(t.parents);
      }
      List<String> leaves = new ArrayList<>();
      for (TaskSpec t : all) {
        if (!nonLeaves.contains(t.name)) {
          leaves.add(t.name);
        }
      }
      TaskSpec s = onSuccess;
      all.add(new TaskSpec(s.name, s.outputType, s.durable, s.kind, s.retries, s.backoffFactor, s.backoffMaxSeconds,
          s.executionTimeout, s.scheduleTimeout, leaves, s.concurrency, s.rateLimits, s.desiredLabels, s.waitFor,
          s.skipIf, s.cancelIf, s.slotRequests, s.invoker, s.eviction));
    }
    checkAcyclic(all);
    for (String cron : options.crons) {
      Validation.cron(cron, name);
    }
    if (options.defaultPriority != null) {
      Validation.priority(options.defaultPriority, "workflow '" + name + "' default priority");
    }
    List<WorkflowSpec.Filter> filters = new ArrayList<>();
    for (Object[] f : options.defaultFilters) {
      filters.add(new WorkflowSpec.Filter((String) f[0], (String) f[1], f[2] == null ? null : core.serializer().toJson(f[2])));
    }
    WorkflowSpec.Idempotency idem = null;
    if (options.idempotencyExpression != null) {
      Validation.duration(options.idempotencyTtl, "workflow '" + name + "' idempotency TTL");
      idem = new WorkflowSpec.Idempotency(options.idempotencyExpression, options.idempotencyTtl, options.idempotencyUntilFinished);
    }
    return new WorkflowSpec(name, options.description, options.version, inputType, options.eventTriggers, options.crons,
        options.cronInput == null ? null : core.serializer().toJson(options.cronInput), options.sticky,
        options.defaultPriority, options.concurrency, filters, idem, all, onFailure, core.serializer());
  }

  private void checkAcyclic(List<TaskSpec> all) {
    Map<String, TaskSpec> byName = new HashMap<>();
    for (TaskSpec t : all) {
      byName.put(t.name, t);
    }
    Map<String, Integer> state = new HashMap<>(); // 1 = visiting, 2 = done
    for (TaskSpec start : all) {
      if (state.containsKey(start.name)) {
        continue;
      }
      Deque<Object[]> stack = new ArrayDeque<>();
      stack.push(new Object[] {start, 0});
      state.put(start.name, 1);
      List<String> path = new ArrayList<>(List.of(start.name));
      while (!stack.isEmpty()) {
        Object[] top = stack.peek();
        TaskSpec t = (TaskSpec) top[0];
        int i = (Integer) top[1];
        if (i < t.parents.size()) {
          top[1] = i + 1;
          String p = t.parents.get(i);
          Integer st = state.get(p);
          if (st == null) {
            state.put(p, 1);
            path.add(p);
            stack.push(new Object[] {byName.get(p), 0});
          } else if (st == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
            cycle.add(p);
            throw new InvalidDefinitionException("workflow '" + name + "' has a dependency cycle: " + String.join(" -> ", cycle));
          }
        } else {
          state.put(t.name, 2);
          stack.pop();
          path.remove(path.size() - 1);
        }
      }
    }
  }

  @Override
  WorkflowResult fromResult(WorkflowResult result) {
    return result;
  }

  private static final class Ref<O> implements TaskRef<O> {
    final Workflow<?> owner;
    final String name;
    final Type type;

    Ref(Workflow<?> owner, String name, Type type) {
      this.owner = owner;
      this.name = name;
      this.type = type;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Type outputType() {
      return type;
    }

    @Override
    public String toString() {
      return "TaskRef(" + owner.name() + ":" + name + ")";
    }
  }
}
