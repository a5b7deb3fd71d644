package run.hatchet.examples.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.client.RunStream;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.EngineSupport;
import run.hatchet.worker.Worker;

class StreamingIT {
  static Hatchet hatchet;
  static Worker worker;
  static StreamingExample example;

  @BeforeAll
  static void start() {
    hatchet = EngineSupport.client(StreamingIT.class);
    example = new StreamingExample(hatchet);
    worker = hatchet.worker("test-worker").slots(1).register(example.streamTask).start();
  }

  @AfterAll
  static void stop() {
    EngineSupport.stop(worker, hatchet);
  }

  @RepeatedTest(3)
  void everyChunkArrivesInOrderAndTheStreamEndsWithTheRun() {
    List<String> chunks = StreamingExample.CHUNKS;
    RunRef<Void> ref = example.streamTask.runNoWait(new EmptyModel());

    int ix = 0;
    StringBuilder annaKarenina = new StringBuilder();
    try (RunStream stream = hatchet.runs().subscribeToStream(ref.id())) {
      for (String chunk : stream) {
        assertThat(ix).as("more chunks than published; got %s", chunk).isLessThan(chunks.size());
        assertThat(chunk).as("chunk %d", ix).isEqualTo(chunks.get(ix));
        ix++;
        annaKarenina.append(chunk);
      }
    }

    assertThat(ix).isEqualTo(chunks.size());
    assertThat(annaKarenina.toString()).isEqualTo(String.join("", chunks)).isEqualTo(StreamingExample.ANNA_KARENINA);
    assertThat(ref.result(Duration.ofSeconds(60))).isNull();
  }

  @Test
  void theConsumerPrintsTheWholeText() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    example.consume(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(StreamingExample.ANNA_KARENINA);
  }
}
