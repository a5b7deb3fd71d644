package run.hatchet.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void readsTheReferenceFlagsInShortAndLongForm() {
    Options o = Options.parse(List.of("-e", "200", "-d", "30s", "-s", "50", "-c", "7", "-D", "250ms", "-P", "10kb",
        "-w", "1m30s", "-F", "3", "-f", "0.25", "-l", "warn"));
    assertThat(o.events).isEqualTo(200);
    assertThat(o.duration).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.effectiveSlots()).isEqualTo(50);
    assertThat(o.concurrency).isEqualTo(7);
    assertThat(o.delay).isEqualTo(Duration.ofMillis(250));
    assertThat(o.payloadBytes()).isEqualTo(10 * 1024);
    assertThat(o.waitFor).isEqualTo(Duration.ofSeconds(90));
    assertThat(o.fanout).isEqualTo(3);
    assertThat(o.failureRate).isEqualTo(0.25);
    assertThat(o.level).isEqualTo("warn");

    Options l = Options.parse(List.of("--events=5", "--duration", "2s", "--payloadSize=1mb", "--eventFanout", "2", "--level=ERROR"));
    assertThat(l.events).isEqualTo(5);
    assertThat(l.duration).isEqualTo(Duration.ofSeconds(2));
    assertThat(l.payloadBytes()).isEqualTo(1024 * 1024);
    assertThat(l.fanout).isEqualTo(2);
    assertThat(l.level).isEqualTo("error");
  }

  @Test
  void warmupRunsTheSameLoadForItsOwnDuration() {
    Options o = Options.parse(List.of("-e", "100", "-d", "30s", "-s", "50", "-F", "2", "--warmup", "20s"));
    o.namespace = "bench_java_1";
    Options w = o.warmupPhase();
    assertThat(w.duration).isEqualTo(Duration.ofSeconds(20));
    assertThat(w.events).isEqualTo(100);
    assertThat(w.effectiveSlots()).isEqualTo(50);
    assertThat(w.fanout).isEqualTo(2);
    assertThat(w.namespace).isEqualTo("bench_java_1");
    assertThat(w.warmup).isZero();
    assertThat(o.timeLimit()).isGreaterThan(Options.parse(List.of("-e", "100", "-d", "30s")).timeLimit().plusSeconds(20));
    assertThat(Options.parse(List.of()).warmup).isZero();
    assertThatThrownBy(() -> Options.parse(List.of("--warmup", "-5s"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsAreTheReferences() {
    Options o = Options.parse(List.of());
    assertThat(o.events).isEqualTo(10);
    assertThat(o.duration).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.waitFor).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.effectiveSlots()).isEqualTo(100);
    assertThat(o.payloadBytes()).isZero();
    assertThat(o.fanout).isEqualTo(1);
    assertThat(o.effectiveEmitWorkers()).isEqualTo(10);
    assertThat(Options.parse(List.of("-e", "5000")).effectiveEmitWorkers()).isEqualTo(100);
  }

  @Test
  void laterFlagsWin() {
    assertThat(Options.parse(List.of("-w", "10s", "-w", "50s")).waitFor).isEqualTo(Duration.ofSeconds(50));
  }

  @Test
  void goDurations() {
    assertThat(Options.duration("d", "0")).isZero();
    assertThat(Options.duration("d", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Options.duration("d", "950µs")).isEqualTo(Duration.ofNanos(950_000));
    assertThat(Options.duration("d", "5.014491288s")).isEqualTo(Duration.ofNanos(5_014_491_288L));
    assertThat(Options.duration("d", "2h")).isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> Options.duration("d", "30")).hasMessageContaining("expects a duration");
    assertThatThrownBy(() -> Options.duration("d", "3x")).hasMessageContaining("expects a duration");
  }

  @Test
  void rejectsWhatCannotRun() {
    assertThatThrownBy(() -> Options.parse(List.of("-e", "0"))).hasMessageContaining("-e must be");
    assertThatThrownBy(() -> Options.parse(List.of("-f", "1.5"))).hasMessageContaining("-f must be");
    assertThatThrownBy(() -> Options.parse(List.of("-P", "lots"))).hasMessageContaining("-P expects");
    assertThatThrownBy(() -> Options.parse(List.of("-x", "1"))).hasMessageContaining("unknown flag -x");
    assertThatThrownBy(() -> Options.parse(List.of("-e"))).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse(List.of("-l", "loud"))).hasMessageContaining("-l must be");
    assertThatThrownBy(() -> Options.parse(List.of("stray"))).hasMessageContaining("unexpected argument");
  }

  @Test
  void help() {
    assertThat(Options.parse(List.of("-h")).help).isTrue();
    assertThat(Options.USAGE).contains("-e, --events", "-F, --eventFanout", "-f, --failureRate");
  }
}
