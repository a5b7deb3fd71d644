package run.hatchet.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The extension's decisions that need no engine, and the polling helper. */
class HatchetExtensionTest {
  @Test
  void anEngineIsConfiguredByItsToken() {
    assertThat(HatchetExtension.missingEngine(Map.of("HATCHET_CLIENT_TOKEN", "a.b.c"))).isNull();
    assertThat(HatchetExtension.missingEngine(Map.of())).contains("HATCHET_CLIENT_TOKEN");
    assertThat(HatchetExtension.missingEngine(Map.of("HATCHET_CLIENT_TOKEN", " "))).contains("no Hatchet engine");
  }

  @Test
  void onlyOneRequiresTheEngine() {
    assertThat(HatchetExtension.engineRequired(Map.of("HATCHET_REQUIRE_ENGINE", "1"))).isTrue();
    assertThat(HatchetExtension.engineRequired(Map.of("HATCHET_REQUIRE_ENGINE", "0"))).isFalse();
    assertThat(HatchetExtension.engineRequired(Map.of())).isFalse();
  }

  @Test
  void namespacesAreFreshPerCall() {
    String a = HatchetExtension.namespaceFor(HatchetExtensionTest.class);
    String b = HatchetExtension.namespaceFor(HatchetExtensionTest.class);
    assertThat(a).matches("test_hatchetextensiontest_[0-9a-f]{8}").isNotEqualTo(b);
  }

  @Test
  void awaitReadsUntilTheValueIsAsExpected() {
    AtomicInteger reads = new AtomicInteger();
    int value = Await.until(() -> {
      if (reads.incrementAndGet() == 1) {
        throw new IllegalStateException("not visible yet");
      }
      return reads.get();
    }, n -> n >= 3, Duration.ofSeconds(5));
    assertThat(value).isEqualTo(3);
  }

  @Test
  void awaitFailsWithTheLastValueAndError() {
    assertThatThrownBy(() -> Await.until(() -> 7, n -> n > 7, Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("last value: 7");
    assertThatThrownBy(() -> Await.until(() -> {
      throw new IllegalStateException("still missing");
    }, n -> true, Duration.ofMillis(300)))
        .isInstanceOf(AssertionError.class).hasRootCauseMessage("still missing");
    assertThatThrownBy(() -> Await.until(() -> false, Duration.ofMillis(100))).isInstanceOf(AssertionError.class);
  }
}
