package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {
    @TempDir
    Path dir;

    private static volatile long sink;

    @Test
    void theBusiestMethodIsFoundUnderItsCaller() throws Exception {
        Path file = dir.resolve("spin.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            long end = System.nanoTime() + Duration.ofMillis(600).toNanos();
            while (System.nanoTime() < end) {
                sink += spin(10_000);
            }
            recording.stop();
            recording.dump(file);
        }

        JfrProfile profile = JfrProfile.read(file, 15);

        assertThat(profile.samples()).isPositive();
        assertThat(profile.self()).hasSizeLessThanOrEqualTo(15);
        assertThat(profile.total())
                .extracting(Map.Entry::getKey)
                .contains(JfrProfileTest.class.getName() + ".theBusiestMethodIsFoundUnderItsCaller");
    }

    private static long spin(int n) {
        long x = 0;
        for (int i = 0; i < n; i++) {
            x = x * 31 + (i ^ (x >>> 7));
        }
        return x;
    }
}
