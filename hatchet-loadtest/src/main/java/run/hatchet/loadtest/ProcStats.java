package run.hatchet.loadtest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and peak resident memory of a process from Linux's /proc: {@code stat} fields 14 and 15 (user
 * and system time in clock ticks; USER_HZ is 100 on Linux) and {@code VmHWM} from {@code status}; and the
 * CPU time of the JVM's just-in-time compiler threads, from the per-thread {@code task/<tid>/stat} files of
 * threads named {@code C1 CompilerThread<n>} or {@code C2 CompilerThread<n>} (15 characters in
 * {@code comm}).
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

  /**
   * User + system CPU seconds of the process's JIT compiler threads that are alive now (0 for a process
   * without any, such as the Go reference), or NaN when /proc is unavailable.
   */
  static double jitCpuSeconds(String pid) {
    Path tasks = Path.of("/proc", pid, "task");
    double sum = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path t : dir) {
        try {
          if (isJitCompilerThread(Files.readString(t.resolve("comm")).trim())) {
            sum += parseCpuSeconds(Files.readString(t.resolve("stat")));
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended between listing and reading
        }
      }
      return sum;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread1", …; comm keeps 15 chars. */
  static boolean isJitCompilerThread(String comm) {
    return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
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
