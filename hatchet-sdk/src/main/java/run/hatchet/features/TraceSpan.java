package run.hatchet.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * One OpenTelemetry span the engine collected for a run.
 *
 * @param traceId the trace id
 * @param spanId the span id
 * @param parentSpanId the parent span id, or null
 * @param name the span name
 * @param kind the span kind as the engine reports it
 * @param serviceName the reporting service
 * @param statusCode the span status code as reported
 * @param statusMessage the status message, or null
 * @param durationNanos the duration in nanoseconds
 * @param createdAt when the span started
 * @param retryCount the task retry the span belongs to
 * @param attributes the span attributes
 * @param raw the engine's full JSON
 */
public record TraceSpan(
    String traceId,
    String spanId,
    String parentSpanId,
    String name,
    String kind,
    String serviceName,
    String statusCode,
    String statusMessage,
    long durationNanos,
    Instant createdAt,
    int retryCount,
    Map<String, Object> attributes,
    JsonNode raw) {

  static TraceSpan from(JsonNode n) {
    Long d = Json.longValue(n, "durationNs");
    return new TraceSpan(
        Json.text(n, "traceId"),
        Json.text(n, "spanId"),
        Json.text(n, "parentSpanId"),
        Json.text(n, "spanName"),
        Json.text(n, "spanKind"),
        Json.text(n, "serviceName"),
        Json.text(n, "statusCode"),
        Json.text(n, "statusMessage"),
        d == null ? 0 : d,
        Json.instant(n, "createdAt"),
        Json.intOr(n, "retryCount", 0),
        Json.map(n, "spanAttributes"),
        n);
  }
}
