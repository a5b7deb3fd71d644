package run.hatchet.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak resident memory of a process from Linux's /proc: {@code stat} fields 14 and 15 (user
 * and system time in clock ticks; USER_HZ is 100 on Linux) and {@code VmHWM} from {@code status}.
 */
final class ProcStats {
  static final double TICKS_PER_SECOND = 100.0;

  private ProcStats() {}

  /** User + system CPU seconds of the process, or NaN when /proc is unavailable. */
  static double cpuSeconds(String pid) {
    try {
      return parseCpuSeconds(Files.readString(Path.of("/proc", pid, "stat")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** Peak resident set size in MiB, or NaN when /proc is unavailable. */
  static double peakRssMiB(String pid) {
    try {
      return parsePeakRssMiB(Files.readString(Path.of("/proc", pid, "status")));
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static double parseCpuSeconds(String stat) {
    // the command name (field 2) is in parentheses and may contain spaces: count fields after its ')'
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state); utime is field 14, stime field 15
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  static double parsePeakRssMiB(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmHWM:")) {
        String[] p = line.substring(6).trim().split("\\s+");
        return Long.parseLong(p[0]) / 1024.0; // kB
      }
    }
    return Double.NaN;
  }
}
