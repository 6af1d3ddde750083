package dev.kinetic.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoscalerJmhTest {
    static final String P = "\"dev.kinetic.benchmarks.autoscaler.";

    static final List<String> CSV = List.of(
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: revisions\"",
            P + "DeciderBenchmark.panicking\",\"avgt\",1,3,2500.5,32.1,\"ns/op\",",
            P + "DeciderBenchmark.panicking:gc.alloc.rate\",\"avgt\",1,3,1911.7,1917.8,\"MB/sec\",",
            P + "DeciderBenchmark.panicking:gc.alloc.rate.norm\",\"avgt\",1,3,64.000188,0.000179,\"B/op\",",
            P + "DeciderBenchmark.steady\",\"avgt\",1,3,28.989623,27.344252,\"ns/op\",",
            P + "DeciderBenchmark.steady:·gc.alloc.rate.norm\",\"avgt\",1,3,2048.0,0.000149,\"B/op\",",
            P + "DeciderBenchmark.steadyWithScaleDownDelay\",\"avgt\",1,3,49.689924,12.667184,\"ns/op\",",
            P + "TickBenchmark.tick\",\"avgt\",1,3,9.192658,5.869019,\"ms/op\",10000",
            P + "TickBenchmark.tick:gc.alloc.rate.norm\",\"avgt\",1,3,920054.215161,31.978954,\"B/op\",10000",
            "\"dev.kinetic.benchmarks.BreakerBenchmark.queued\",\"avgt\",1,3,105.8,21.9,\"ns/op\",");

    @Test
    void foldsTheAllocationIntoItsBenchmark() {
        assertThat(AutoscalerJmh.parse(CSV))
                .containsExactly(
                        new AutoscalerJmh.Result("DeciderBenchmark.panicking", "", 2500.5, "ns/op", 64.000188),
                        new AutoscalerJmh.Result("DeciderBenchmark.steady", "", 28.989623, "ns/op", 2048.0),
                        new AutoscalerJmh.Result(
                                "DeciderBenchmark.steadyWithScaleDownDelay", "", 49.689924, "ns/op", null),
                        new AutoscalerJmh.Result(
                                "TickBenchmark.tick", "revisions=10000", 9.192658, "ms/op", 920054.215161));
    }

    @Test
    void tableWithTargetsKnativeAndVerdicts() {
        String md = AutoscalerJmh.markdown(CSV, null, "-f 1");
        assertThat(md)
                .contains(
                        "| `Decider.decide`, panicking | 2.50 µs | 64 B | ≤ 2.00 µs, ≤ 1.0 KiB | 12.2 µs, 6,131 B, 83 "
                                + "allocs | MISS |")
                .contains("| `Decider.decide`, steady load, not panicking | 29 ns | 2.0 KiB | ≤ 2.00 µs, ≤ 1.0 KiB |")
                .contains("| `Decider.decide`, steady, 60 s scale-down delay | 50 ns | — |")
                .contains("(revisions=10000) | 9.19 ms | 898.5 KiB | ≤ 20.00 ms | — | PASS |")
                .doesNotContain("BreakerBenchmark");
        assertThat(md.lines().filter(l -> l.endsWith("| MISS |"))).hasSize(2);
    }

    @Test
    void noResultsSaysWhy() {
        assertThat(AutoscalerJmh.markdown(List.of(), "Skipped (SKIP_JMH=1).", ""))
                .isEqualTo("## Autoscaler microbenchmarks (JMH)\n\nSkipped (SKIP_JMH=1).\n\n");
        assertThat(AutoscalerJmh.markdown(List.of(), null, "")).contains("Not run.");
    }
}
