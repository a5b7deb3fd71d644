package run.hatchet.examples.streaming;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import run.hatchet.Hatchet;
import run.hatchet.client.RunRef;
import run.hatchet.client.RunStream;
import run.hatchet.definition.Definition;
import run.hatchet.definition.Task;
import run.hatchet.examples.EmptyModel;
import run.hatchet.examples.Example;

/**
 * Streaming: the task {@code stream_task} publishes the opening of Anna Karenina in chunks of ten
 * characters with {@code ctx.putStream}, and a client reads them as they come with {@code ref.stream()}
 * (or {@code hatchet.runs().subscribeToStream(runId)}). The engine keeps no history of chunks, so the task
 * waits two seconds before publishing, to give a client that subscribes right after triggering the run
 * time to be subscribed. The task returns nothing ({@code null}).
 */
public final class StreamingExample implements Example {

  /** The streamed text. */
  public static final String ANNA_KARENINA = "\n"
      + "Happy families are all alike; every unhappy family is unhappy in its own way.\n"
      + "\n"
      + "Everything was in confusion in the Oblonskys' house. The wife had discovered that the husband was"
      + " carrying on an intrigue with a French girl, who had been a governess in their family, and she had"
      + " announced to her husband that she could not go on living in the same house with him.\n";

  /** The chunks, in order. */
  public static final List<String> CHUNKS = createChunks(ANNA_KARENINA, 10);

  public final Task<EmptyModel, Void> streamTask;

  public StreamingExample(Hatchet hatchet) {
    streamTask = hatchet.task("stream_task", EmptyModel.class, Void.class, (input, ctx) -> {
      // subscribers only see chunks published after they subscribed: give them a moment
      Thread.sleep(2_000);
      for (String chunk : CHUNKS) {
        ctx.putStream(chunk);
        Thread.sleep(200);
      }
      return null;
    });
  }

  /** {@code content} cut into pieces of {@code n} characters (the last may be shorter). */
  public static List<String> createChunks(String content, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < content.length(); i += n) {
      out.add(content.substring(i, Math.min(content.length(), i + n)));
    }
    return List.copyOf(out);
  }

  /** The client's side: triggers the task and prints its chunks as they arrive, until the run ends. */
  public void consume(PrintStream out) {
    RunRef<Void> ref = streamTask.runNoWait(new EmptyModel());
    try (RunStream chunks = ref.stream()) {
      for (String chunk : chunks) {
        out.print(chunk);
        out.flush();
      }
    }
  }

  @Override
  public String name() {
    return "streaming";
  }

  @Override
  public List<Definition<?, ?>> definitions() {
    return List.of(streamTask);
  }
}
