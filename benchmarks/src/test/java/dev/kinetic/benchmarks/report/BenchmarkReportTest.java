package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkReportTest {
    @TempDir
    Path work;

    @Test
    void writesTheTablesAndNamesTheVariantsToProfile() throws IOException {
        Files.writeString(work.resolve("settings.tsv"), "connections\t1 64\nduration\t5\nrounds\t1\n");
        Files.writeString(work.resolve("facts.md"), "- cores: 2\n");
        List<String> results = new ArrayList<>(List.of(Run.HEADER));
        for (int c : List.of(1, 64)) {
            results.add("direct\t" + c + "\t1\t1000\t20000\t100\t300\t0\tstub=5");
            results.add("nginx\t" + c + "\t1\t1000\t10000\t150\t400\t0\tnginx=20");
            // Fast and cheap enough at 1 connection, too slow at 64.
            results.add("queue-proxy\t" + c + "\t1\t1000\t" + (c == 1 ? 10000 : 7000) + "\t170\t500\t0\tqueue-proxy="
                    + (c == 1 ? 15 : 25));
        }
        Files.write(work.resolve("results.tsv"), results);
        Files.writeString(work.resolve("unavailable.tsv"), "activator\tthe jar was not built\n");
        Files.writeString(work.resolve("startup.tsv"), Startup.HEADER + "\nqueue-proxy\t450\t40960\t1000\t\n");

        BenchmarkReport report = new BenchmarkReport(work);
        String md = report.markdown();

        assertThat(report.misses()).isEqualTo(Map.of(Variant.QUEUE_PROXY, 64));
        assertThat(md)
                .contains("| queue-proxy | 64 | 7000 | 0.70 | 170 | 1.13 | 500 | 1.25 | 25.0 | 1.25 | 0 |")
                .contains("| activator | 64 | unavailable (below) |")
                .contains("- activator: the jar was not built")
                .contains("| direct (no proxy) | 1 | 20000 | 2.00 | 100 | 0.67 | 300 | 0.75 | 5.0 | 0.25 (stub) | 0 |")
                .contains("queue-proxy +70 µs")
                .contains("| req/s ≥ 0.8× nginx, 64 conn. | queue-proxy | 0.70× (7000 vs 10000) | **MISS** |")
                .contains("| queue-proxy | 450 ms | 40.0 MiB | 1000 |  |")
                .contains("A target was missed but no profile was recorded.");
    }
}
