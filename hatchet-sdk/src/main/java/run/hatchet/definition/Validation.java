package run.hatchet.definition;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks the engine would otherwise answer with an opaque error. */
final class Validation {
  private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9.\\-_]+$");
  private static final Pattern CRON_FIELD = Pattern.compile("^[0-9A-Za-z*?/,\\-LW#]+$");
  private static final int[][] CRON_RANGES = {{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {0, 7}};

  private Validation() {}

  static String name(String name, String what) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidDefinitionException(
          what + " '" + name + "' is invalid: use letters, digits, '.', '-' and '_' only");
    }
    return name;
  }

  static void duration(Duration d, String what) {
    if (d == null) {
      return;
    }
    if (d.isNegative() || d.isZero()) {
      throw new InvalidDefinitionException(what + " must be positive (was " + d + ")");
    }
    if (d.toNanos() % 1_000_000 != 0) {
      throw new InvalidDefinitionException(what + " must be a whole number of milliseconds (was " + d + ")");
    }
  }

  static void priority(int p, String what) {
    if (p < 1 || p > 3) {
      throw new InvalidDefinitionException(what + " must be 1, 2 or 3 (was " + p + ")");
    }
  }

  /** Cron in robfig syntax: 5 fields, or 6 with leading seconds, or a descriptor such as @daily. */
  static void cron(String cron, String workflow) {
    String c = cron == null ? "" : cron.trim();
    String bad = "workflow '" + workflow + "': invalid cron expression '" + cron + "': ";
    if (c.startsWith("@")) {
      String d = c.toLowerCase(Locale.ROOT);
      if (d.matches("@(yearly|annually|monthly|weekly|daily|midnight|hourly)")) {
        return;
      }
      if (d.startsWith("@every ")) {
        try {
          Duration.parse("PT" + d.substring(7).trim().toUpperCase(Locale.ROOT));
          return;
        } catch (RuntimeException e) {
          throw new InvalidDefinitionException(bad + "bad @every interval");
        }
      }
      throw new InvalidDefinitionException(bad + "unknown descriptor");
    }
    String[] f = c.split("\\s+");
    if (f.length != 5 && f.length != 6) {
      throw new InvalidDefinitionException(bad + "expected 5 fields (or 6 with seconds), got " + (c.isEmpty() ? 0 : f.length));
    }
    int offset = f.length == 5 ? 1 : 0;
    for (int i = 0; i < f.length; i++) {
      if (!CRON_FIELD.matcher(f[i]).matches()) {
        throw new InvalidDefinitionException(bad + "field " + (i + 1) + " '" + f[i] + "' has invalid characters");
      }
      int[] range = CRON_RANGES[i + offset];
      for (String part : f[i].split("[,/\\-]")) {
        if (part.matches("\\d+")) {
          int v = Integer.parseInt(part);
          boolean step = f[i].contains("/" + part);
          if (!step && (v < range[0] || v > range[1])) {
            throw new InvalidDefinitionException(
                bad + "field " + (i + 1) + " value " + v + " is outside " + range[0] + "-" + range[1]);
          }
        }
      }
    }
  }
}
