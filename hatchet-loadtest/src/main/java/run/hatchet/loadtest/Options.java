package run.hatchet.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load test's flags. Names, short forms, meanings and defaults follow the reference load test so that
 * the same command line drives both: {@code -e 100 -d 30s -s 100}.
 */
final class Options implements Cloneable {
  int events = 10;
  Duration duration = Duration.ofSeconds(10);
  int slots;
  int concurrency;
  Duration delay = Duration.ZERO;
  String payloadSize = "0kb";
  Duration waitFor = Duration.ofSeconds(10);
  int fanout = 1;
  double failureRate;
  String level = "info";
  int emitWorkers;
  Duration settle = Duration.ofSeconds(2);
  Duration warmup = Duration.ZERO;
  String namespace;
  boolean help;

  static final String USAGE = String.join("\n",
      "usage: loadtest [flags]",
      "",
      "  -e, --events int           events per second (default 10)",
      "  -d, --duration duration    how long to emit events (default 10s)",
      "  -s, --slots int            worker slots (default 100)",
      "  -c, --concurrency int      at most this many runs at once (engine concurrency limit; 0 = none)",
      "  -D, --delay duration       time each task sleeps, to simulate slow tasks (default 0)",
      "  -P, --payloadSize size     payload per event, e.g. 0kb, 10kb, 1mb (default 0kb)",
      "  -w, --wait duration        how long to wait after emitting for runs to complete (default 10s)",
      "  -F, --eventFanout int      workflows triggered by each event (default 1)",
      "  -f, --failureRate float    share of tasks that fail, 0..1 (default 0)",
      "  -l, --level string         log level: debug, info, warn, error (default info)",
      "      --emitWorkers int      event pushes in flight at once (default: from the rate, at least 10)",
      "      --settle duration      pause between worker start and the first event (default 2s)",
      "      --namespace string     namespace of the run (default: HATCHET_CLIENT_NAMESPACE, else a fresh one)",
      "      --warmup duration      first run the same load this long, unmeasured, on the same worker and clients",
      "                             (workflows load-test-warmup-*, event key load-test-warmup:event), so that the",
      "                             measured run finds the JVM's code compiled (default 0: no warm-up)",
      "  -h, --help                 this text",
      "",
      "Environment: HATCHET_CLIENT_* as for any Hatchet client; HATCHET_CLIENT_NAMESPACE isolates the run",
      "(a fresh loadtest_<random> namespace is used when it is unset).",
      "Prints a summary, then one JSON line. Exit status 0 only when every run completed (0 lost runs).");

  static Options parse(List<String> args) {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      String name;
      String value = null;
      if (a.startsWith("--")) {
        name = a.substring(2);
      } else if (a.startsWith("-") && a.length() > 1) {
        name = a.substring(1);
      } else {
        throw new IllegalArgumentException("unexpected argument '" + a + "'\n\n" + USAGE);
      }
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (name.equals("h") || name.equals("help")) {
        o.help = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("flag -" + name + " needs a value\n\n" + USAGE);
        }
        value = args.get(++i);
      }
      o.set(name, value);
    }
    o.validate();
    return o;
  }

  private void set(String name, String v) {
    switch (name) {
      case "e", "events" -> events = integer(name, v);
      case "d", "duration" -> duration = duration(name, v);
      case "s", "slots" -> slots = integer(name, v);
      case "c", "concurrency" -> concurrency = integer(name, v);
      case "D", "delay" -> delay = duration(name, v);
      case "P", "payloadSize" -> {
        parseSize(v);
        payloadSize = v;
      }
      case "w", "wait" -> waitFor = duration(name, v);
      case "F", "eventFanout" -> fanout = integer(name, v);
      case "f", "failureRate" -> failureRate = decimal(name, v);
      case "l", "level" -> level = v.toLowerCase(Locale.ROOT);
      case "emitWorkers" -> emitWorkers = integer(name, v);
      case "settle" -> settle = duration(name, v);
      case "namespace" -> namespace = v;
      case "warmup" -> warmup = duration(name, v);
      default -> throw new IllegalArgumentException("unknown flag -" + name + "\n\n" + USAGE);
    }
  }

  private void validate() {
    if (events < 1 || events > 10_000) {
      throw new IllegalArgumentException("-e must be between 1 and 10000 events per second (was " + events + ")");
    }
    if (duration.isZero() || duration.isNegative() || duration.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("-d must be more than 0 and at most 1h (was " + duration + ")");
    }
    if (slots < 0 || concurrency < 0 || emitWorkers < 0) {
      throw new IllegalArgumentException("-s, -c and --emitWorkers must not be negative");
    }
    if (fanout < 1 || fanout > 100) {
      throw new IllegalArgumentException("-F must be between 1 and 100 (was " + fanout + ")");
    }
    if (failureRate < 0 || failureRate > 1) {
      throw new IllegalArgumentException("-f must be between 0 and 1 (was " + failureRate + ")");
    }
    if (delay.isNegative() || waitFor.isNegative() || settle.isNegative() || warmup.isNegative()) {
      throw new IllegalArgumentException("-D, -w, --settle and --warmup must not be negative");
    }
    if (warmup.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("--warmup must be at most 1h (was " + warmup + ")");
    }
    if (waitFor.compareTo(Duration.ofHours(1)) > 0 || delay.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("-w and -D must be at most 1h");
    }
    if (!List.of("debug", "info", "warn", "error").contains(level)) {
      throw new IllegalArgumentException("-l must be debug, info, warn or error (was " + level + ")");
    }
  }

  /** The unmeasured warm-up phase: the same load for {@link #warmup}, in the same namespace. */
  Options warmupPhase() {
    Options w;
    try {
      w = (Options) clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
    w.duration = warmup;
    w.warmup = Duration.ZERO;
    return w;
  }

  /** An upper bound of the whole process's run time, for the watchdog. */
  Duration timeLimit() {
    Duration one = settle.plus(duration).plus(waitFor.multipliedBy(2)).plus(Duration.ofSeconds(120));
    return warmup.isZero() ? one : one.plus(settle).plus(warmup).plus(waitFor.multipliedBy(2)).plus(Duration.ofSeconds(60));
  }

  int effectiveSlots() {
    return slots > 0 ? slots : 100;
  }

  /**
   * Like the reference's number of pushers: enough pushes in flight for the rate at ~20 ms per push, at
   * least 10, at most 1000.
   */
  int effectiveEmitWorkers() {
    if (emitWorkers > 0) {
      return emitWorkers;
    }
    return Math.max(10, Math.min(1000, (int) (events * 0.020)));
  }

  int payloadBytes() {
    return parseSize(payloadSize);
  }

  private static int integer(String name, String v) {
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-" + name + " expects an integer (was '" + v + "')");
    }
  }

  private static double decimal(String name, String v) {
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-" + name + " expects a number (was '" + v + "')");
    }
  }

  private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

  /** Go-style durations: {@code 30s}, {@code 1m30s}, {@code 500ms}, {@code 0}. */
  static Duration duration(String name, String v) {
    String s = v.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = DURATION_PART.matcher(s);
    double nanos = 0;
    int pos = 0;
    while (pos < s.length() && m.find(pos) && m.start() == pos) {
      double n = Double.parseDouble(m.group(1));
      nanos += n * switch (m.group(2)) {
        case "ns" -> 1d;
        case "us", "µs" -> 1e3;
        case "ms" -> 1e6;
        case "s" -> 1e9;
        case "m" -> 60e9;
        default -> 3600e9;
      };
      pos = m.end();
    }
    if (pos == 0 || pos != s.length()) {
      throw new IllegalArgumentException("-" + name + " expects a duration such as 30s, 500ms or 1m30s (was '" + v + "')");
    }
    return Duration.ofNanos((long) nanos);
  }

  /** Sizes as the reference reads them: {@code 10kb}, {@code 1mb}, or plain bytes. */
  static int parseSize(String v) {
    String s = v.trim().toLowerCase(Locale.ROOT);
    int multiplier = 1;
    if (s.endsWith("kb")) {
      multiplier = 1024;
      s = s.substring(0, s.length() - 2);
    } else if (s.endsWith("mb")) {
      multiplier = 1024 * 1024;
      s = s.substring(0, s.length() - 2);
    }
    try {
      long n = Long.parseLong(s.trim()) * multiplier;
      if (n < 0 || n > 4L * 1024 * 1024) {
        throw new IllegalArgumentException("-P must be between 0 and 4mb (was '" + v + "')");
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-P expects a size such as 0kb, 10kb or 1mb (was '" + v + "')");
    }
  }
}
