package dev.kinetic.benchmarks.eventing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of a process (all its threads, user + system) from {@code /proc/PID/stat}, as run.sh measures the proxies.
 */
final class ProcCpu {
    private static final long CLOCK_TICKS = clockTicks();

    private ProcCpu() {}

    /** User + system CPU of {@code pid} so far, in microseconds; −1 if it cannot be read (the process is gone). */
    static long micros(long pid) {
        try {
            return parseTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                    * 1_000_000L
                    / CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line; the command name may hold spaces. */
    static long parseTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).trim().split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15.
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Long.parseLong(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
