package run.hatchet.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import run.hatchet.internal.client.ClientCore;

/** Evaluates CEL expressions the way the engine evaluates filters. Use {@code hatchet.cel()}. */
public final class CelClient extends FeatureClient {

  /** SDK-internal; use {@code hatchet.cel()}. */
  public CelClient(ClientCore core) {
    super(core);
  }

  /** Evaluates {@code expression} with {@code input} bound to {@code input}. */
  public CelResult debug(String expression, Object input) {
    return debug(expression, input, null, null);
  }

  /**
   * Evaluates {@code expression} with {@code input}, a filter {@code payload} and {@code additional_metadata}
   * bound (null arguments are left out).
   */
  public CelResult debug(String expression, Object input, Object filterPayload, Map<String, ?> metadata) {
    ObjectNode body = object();
    body.put("expression", require(expression, "expression"));
    body.set("input", toNode(input));
    if (filterPayload != null) {
      body.set("filterPayload", toNode(filterPayload));
    }
    if (metadata != null) {
      body.set("additionalMetadata", toNode(metadata));
    }
    return CelResult.from(rest().post(stableTenantPath("/cel/debug"), body));
  }
}
