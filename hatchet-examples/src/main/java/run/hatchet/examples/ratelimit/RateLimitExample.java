package run.hatchet.examples.ratelimit;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.definition.Definition;
import run.hatchet.definition.RateLimit;
import run.hatchet.definition.RateLimitDuration;
import run.hatchet.definition.TaskRef;
import run.hatchet.definition.Workflow;
import run.hatchet.examples.Example;

/**
 * Rate limits. {@code step_1} consumes one unit of the tenant-wide limit {@value #RATE_LIMIT_KEY}, whose
 * size (here 2 per second) is set through the engine's rate-limit API — keys are shared by every
 * namespace and SDK. {@code step_2} uses a dynamic limit: its key comes from the input, so each
 * {@code user_id} gets its own 10 runs per minute.
 */
public final class RateLimitExample implements Example {
  public static final String RATE_LIMIT_KEY = "test-limit";

  /** {@code {"user_id": "alice"}}. */
  public record RateLimitInput(@JsonProperty("user_id") String userId) {}

  public final Workflow<RateLimitInput> rateLimitWorkflow;
  public final TaskRef<Void> step1;
  public final TaskRef<Void> step2;

  public RateLimitExample(Hatchet hatchet) {
    rateLimitWorkflow = hatchet.workflow("RateLimitWorkflow", RateLimitInput.class);

    step1 = rateLimitWorkflow.task("step_1", Void.class, (input, ctx) -> {
      ctx.log("executed step_1");
      return null;
    }, o -> o.rateLimits(RateLimit.of(RATE_LIMIT_KEY, 1)));

    step2 = rateLimitWorkflow.task("step_2", Void.class, (input, ctx) -> {
      ctx.log("executed step_2");
      return null;
    }, o -> o.rateLimits(RateLimit.dynamic("input.user_id", 1, 10, RateLimitDuration.MINUTE)));
  }

  @Override
  public String name() {
    return "rate_limit";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(rateLimitWorkflow);
  }
}
