package run.hatchet.loadtest.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import run.hatchet.loadtest.LoadTest;
import run.hatchet.serde.JacksonSerializer;

/**
 * Round trips (object to JSON to object) through the SDK's default serializer, for the payloads a task
 * typically sees: the load test's event (with a 0 B, 1 KiB or 10 KiB string), a nested order record, and
 * an untyped map.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerializerBenchmark {
  public record Line(String sku, int quantity, long cents) {}

  public record Address(String street, String city, String country) {}

  public record Order(String id, String customer, Instant placedAt, Address shipTo, List<Line> lines,
      Map<String, String> tags) {}

  /** The load test's event with a payload string of the given size. */
  @State(Scope.Benchmark)
  public static class EventPayload {
    @Param({"0", "1024", "10240"})
    public int payloadBytes;

    LoadTest.Event event;

    @Setup
    public void setup() {
      event = new LoadTest.Event(42, Instant.parse("2025-01-01T10:00:00.123456Z"), "a".repeat(payloadBytes));
    }
  }

  private final JacksonSerializer serializer = new JacksonSerializer();
  private Order order;
  private Map<String, Object> map;

  @Setup
  public void setup() {
    order = new Order("ord_123", "cus_456", Instant.parse("2025-01-01T10:00:00Z"),
        new Address("1 Main St", "Springfield", "US"),
        List.of(new Line("sku-1", 2, 1999), new Line("sku-2", 1, 4999), new Line("sku-3", 5, 99)),
        Map.of("channel", "web", "priority", "high"));
    map = Map.of("user", "ada", "count", 3, "nested", Map.of("ok", true, "list", List.of(1, 2, 3)));
  }

  @Benchmark
  public LoadTest.Event eventRoundTrip(EventPayload p) {
    return serializer.fromJson(serializer.toJson(p.event), LoadTest.Event.class);
  }

  @Benchmark
  public Order orderRoundTrip() {
    return serializer.fromJson(serializer.toJson(order), Order.class);
  }

  @Benchmark
  public Object mapRoundTrip() {
    return serializer.fromJson(serializer.toJson(map), Map.class);
  }
}
