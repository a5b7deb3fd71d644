package run.hatchet.examples.dependencyinjection;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Dependency injection the Java way: the class that defines the tasks receives what they depend on
 * through its constructor (from {@code main}, or from your DI container), and the task lambdas use it.
 * Dependencies may be plain values, asynchronous results, or resources that live for one run
 * ({@link Scoped}, closed by try-with-resources when the task ends) — and may build on each other.
 * Tests pass fakes the same way.
 */
public final class DependencyInjectionExample implements Example {
  public static final String SYNC_DEPENDENCY_VALUE = "sync_dependency_value";
  public static final String ASYNC_DEPENDENCY_VALUE = "async_dependency_value";
  public static final String SYNC_CM_DEPENDENCY_VALUE = "sync_cm_dependency_value";
  public static final String ASYNC_CM_DEPENDENCY_VALUE = "async_cm_dependency_value";
  public static final String CHAINED_CM_VALUE = "chained_cm_value";
  public static final String CHAINED_ASYNC_CM_VALUE = "chained_async_cm_value";

  /** What every task returns: the values of its dependencies. */
  public record Output(
      @JsonProperty("sync_dep") String syncDep,
      @JsonProperty("async_dep") String asyncDep,
      @JsonProperty("async_cm_dep") String asyncCmDep,
      @JsonProperty("sync_cm_dep") String syncCmDep,
      @JsonProperty("chained_dep") String chainedDep,
      @JsonProperty("chained_async_dep") String chainedAsyncDep) {}

  /** A value that holds a resource for one run; closing it releases the resource. */
  public interface Scoped<T> extends AutoCloseable {
    T value();

    @Override
    void close();
  }

  /** What the tasks depend on. An application passes its real services; tests pass fakes. */
  public interface Dependencies {
    String syncDep();

    CompletableFuture<String> asyncDep();

    /** A per-run resource built from another dependency. */
    Scoped<String> syncCmDep(String syncDep);

    CompletableFuture<Scoped<String>> asyncCmDep(String asyncDep);

    Scoped<String> baseCmDep();

    CompletableFuture<Scoped<String>> baseAsyncCmDep();
  }

  /** The dependencies the examples worker uses; counts the resources currently open. */
  public static final class DefaultDependencies implements Dependencies {
    private final AtomicInteger open = new AtomicInteger();

    public int openResources() {
      return open.get();
    }

    private Scoped<String> scoped(String value) {
      open.incrementAndGet();
      return new Scoped<>() {
        @Override
        public String value() {
          return value;
        }

        @Override
        public void close() {
          open.decrementAndGet();
        }
      };
    }

    @Override
    public String syncDep() {
      return SYNC_DEPENDENCY_VALUE;
    }

    @Override
    public CompletableFuture<String> asyncDep() {
      return CompletableFuture.supplyAsync(() -> ASYNC_DEPENDENCY_VALUE);
    }

    @Override
    public Scoped<String> syncCmDep(String syncDep) {
      return scoped(SYNC_CM_DEPENDENCY_VALUE + "_" + syncDep);
    }

    @Override
    public CompletableFuture<Scoped<String>> asyncCmDep(String asyncDep) {
      return CompletableFuture.supplyAsync(() -> scoped(ASYNC_CM_DEPENDENCY_VALUE + "_" + asyncDep));
    }

    @Override
    public Scoped<String> baseCmDep() {
      return scoped(CHAINED_CM_VALUE);
    }

    @Override
    public CompletableFuture<Scoped<String>> baseAsyncCmDep() {
      return CompletableFuture.supplyAsync(() -> scoped(CHAINED_ASYNC_CM_VALUE));
    }
  }

  public final Dependencies dependencies;
  public final Task<EmptyModel, Output> asyncTaskWithDependencies;
  public final Task<EmptyModel, Output> syncTaskWithDependencies;
  public final Workflow<EmptyModel> diWorkflow;
  public final TaskRef<Output> wfAsyncTaskWithDependencies;
  public final TaskRef<Output> wfSyncTaskWithDependencies;

  public DependencyInjectionExample(Hatchet hatchet) {
    this(hatchet, new DefaultDependencies());
  }

  public DependencyInjectionExample(Hatchet hatchet, Dependencies deps) {
    this.dependencies = deps;
    asyncTaskWithDependencies = hatchet.task("async_task_with_dependencies", EmptyModel.class, Output.class,
        (input, ctx) -> resolveConcurrently(deps));
    syncTaskWithDependencies = hatchet.task("sync_task_with_dependencies", EmptyModel.class, Output.class,
        (input, ctx) -> resolveOneByOne(deps));

    diWorkflow = hatchet.workflow("dependency-injection-workflow", EmptyModel.class);
    wfAsyncTaskWithDependencies = diWorkflow.task("wf_async_task_with_dependencies", Output.class,
        (input, ctx) -> resolveConcurrently(deps));
    wfSyncTaskWithDependencies = diWorkflow.task("wf_sync_task_with_dependencies", Output.class,
        (input, ctx) -> resolveOneByOne(deps));
  }

  /** One dependency after the other; the per-run resources are closed when the task ends. */
  static Output resolveOneByOne(Dependencies deps) {
    String sync = deps.syncDep();
    String async = deps.asyncDep().join();
    try (Scoped<String> syncCm = deps.syncCmDep(sync);
        Scoped<String> asyncCm = deps.asyncCmDep(async).join();
        Scoped<String> base = deps.baseCmDep();
        Scoped<String> baseAsync = deps.baseAsyncCmDep().join()) {
      return new Output(sync, async, asyncCm.value(), syncCm.value(), "chained_" + base.value(), "chained_" + baseAsync.value());
    }
  }

  /** The asynchronous dependencies started together, then combined. */
  static Output resolveConcurrently(Dependencies deps) {
    CompletableFuture<String> async = deps.asyncDep();
    CompletableFuture<Scoped<String>> asyncCm = async.thenCompose(deps::asyncCmDep);
    CompletableFuture<Scoped<String>> baseAsync = deps.baseAsyncCmDep();
    String sync = deps.syncDep();
    try (Scoped<String> syncCm = deps.syncCmDep(sync);
        Scoped<String> base = deps.baseCmDep();
        Scoped<String> asyncCmValue = asyncCm.join();
        Scoped<String> baseAsyncValue = baseAsync.join()) {
      return new Output(sync, async.join(), asyncCmValue.value(), syncCm.value(), "chained_" + base.value(),
          "chained_" + baseAsyncValue.value());
    }
  }

  @Override
  public String name() {
    return "dependency_injection";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(asyncTaskWithDependencies, syncTaskWithDependencies, diWorkflow);
  }
}
