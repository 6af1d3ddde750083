package dev.kinetic.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingTest {

    @ParameterizedTest(name = "{0} ready pods -> scrape {1}")
    @CsvSource({
        "-1, 0",
        "0, 0",
        "1, 1",
        "2, 2",
        "3, 3",
        "4, 4",
        "5, 4",
        "10, 7",
        "100, 14",
        "1000, 16",
        "1000000, 16",
        "2147483647, 16"
    })
    void sampleSize(int readyPods, int expected) {
        assertThat(Sampling.sampleSize(readyPods)).isEqualTo(expected);
    }
}
