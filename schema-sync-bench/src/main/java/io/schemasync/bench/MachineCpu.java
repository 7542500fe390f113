package io.schemasync.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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

  /**
   * CPU seconds this JVM has used (the benchmark's client side: the library, the driver, the JIT),
   * or NaN where the platform does not report it; the rest of {@link #busySeconds} during a
   * measurement is mostly the database server's.
   */
  static double processSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

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
