package dev.kinetic.benchmarks.heap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JvmMemoryTest {
    static final String SERIAL = """
            27952:
             def new generation   total 116160K, used 8263K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
              eden space 103296K,   8% used [0x0000000687400000, 0x0000000687c11fb8, 0x000000068d8e0000)
              from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
              to   space 12864K,   0% used [0x000000068e570000, 0x000000068e570000, 0x000000068f200000)
             tenured generation   total 258048K, used 14000K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
               the space 258048K,   5% used [0x0000000704d50000, 0x0000000704d50000, 0x0000000704d50200, 0x0000000714950000)
             Metaspace       used 129K, committed 320K, reserved 1114112K
              class space    used 3K, committed 128K, reserved 1048576K
            """;

    static final String G1 = """
            27953:
             garbage-first heap   total 397312K, used 5003K [0x0000000687400000, 0x0000000800000000)
              region size 4096K, 1 young (4096K), 0 survivors (0K)
             Metaspace       used 73K, committed 320K, reserved 1114112K
              class space    used 3K, committed 128K, reserved 1048576K
            """;

    static final String HISTOGRAM = """
            27952:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1663          96704  [B (java.base@17.0.15)
               2:           510          62872  java.lang.Class (java.base@17.0.15)
               3:           200           6400  dev.kinetic.autoscaler.kpa.Deciders$Entry
               4:            12            384  [Ljava.lang.Object; (java.base@17.0.15)
            Total          2385         166360
            """;

    @Test
    void usedHeapSumsTheGenerationsAndLeavesMetaspaceOut() {
        assertThat(JvmMemory.usedHeapKb(SERIAL)).isEqualTo(8263 + 14000);
        assertThat(JvmMemory.usedHeapKb(G1)).isEqualTo(5003);
    }

    @Test
    void noHeapLineIsAnError() {
        assertThatThrownBy(() -> JvmMemory.usedHeapKb("27952:\nCould not attach"))
                .hasMessageContaining("no heap line");
    }

    @Test
    void histogramByClassWithoutTheModule() {
        assertThat(JvmMemory.histogram(HISTOGRAM))
                .containsEntry("[B", new JvmMemory.ClassCount(1663, 96704))
                .containsEntry("dev.kinetic.autoscaler.kpa.Deciders$Entry", new JvmMemory.ClassCount(200, 6400))
                .containsEntry("[Ljava.lang.Object;", new JvmMemory.ClassCount(12, 384))
                .hasSize(4);
        assertThat(JvmMemory.histogramTotalBytes(HISTOGRAM)).isEqualTo(166360);
    }

    @Test
    void rssFromProcStatus() {
        assertThat(JvmMemory.rssKb("Name:\tjava\nVmHWM:\t  180000 kB\nVmRSS:\t  175496 kB\n"))
                .isEqualTo(175496);
        assertThat(JvmMemory.rssKb("Name:\tjava\n")).isEqualTo(-1);
    }
}
