package io.schemasync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time the whole machine spent busy (user, system, interrupts; not idle, not waiting for I/O),
 * read from Linux's {@code /proc/stat}. The database server and the benchmark share the machine, so
 * this counts both sides' work; unlike wall time it does not grow when a checkpoint's writes stall
 * whichever measurement happens to be running.
 */
final class MachineCpu {
  private static final Path STAT = Path.of("/proc/stat");

  /** Linux reports in clock ticks of USER_HZ, which is 100 on every common build. */
  private static final double TICKS_PER_SECOND = 100;

  private MachineCpu() {}

  /** Busy seconds since boot, or NaN where {@code /proc/stat} cannot be read (not Linux). */
  static double busySeconds() {
    try {
      String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
      // cpu user nice system idle iowait irq softirq steal ...
      long busy =
          Long.parseLong(f[1])
              + Long.parseLong(f[2])
              + Long.parseLong(f[3])
              + Long.parseLong(f[6])
              + Long.parseLong(f[7]);
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
