package dev.kinetic.benchmarks.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrkTest {
    static final String OUTPUT = """
            Running 10s test @ http://127.0.0.1:40000/bench/default
              1 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     3.21ms    1.02ms  40.11ms   90.00%
                Req/Sec    20.01k     1.10k   22.00k    70.00%
              Latency Distribution
                 50%    2.95ms
                 75%    3.40ms
                 90%    4.10ms
                 99%    7.52ms
              200123 requests in 10.00s, 14.50MB read
              Socket errors: connect 0, read 1, write 0, timeout 2
              Non-2xx or 3xx responses: 20
            Requests/sec:  20012.30
            Transfer/sec:      1.45MB
            """;

    @Test
    void readsCountsPercentilesAndErrors() {
        Wrk.Result r = Wrk.parse(OUTPUT);

        assertThat(r.requests()).isEqualTo(200_123);
        assertThat(r.requestsPerSecond()).isEqualTo(20012.30);
        assertThat(r.p50Us()).isEqualTo(2950.0);
        assertThat(r.p99Us()).isEqualTo(7520.0);
        assertThat(r.errors()).isEqualTo(23);
        assertThat(r.accepted()).isEqualTo(200_100);
    }

    @Test
    void microsecondsAndSecondsAndNothing() {
        Wrk.Result r = Wrk.parse("    50%  812.00us\n    99%    1.20s\n  10 requests in 1.00s, 1KB read\n");

        assertThat(r.p50Us()).isEqualTo(812.0);
        assertThat(r.p99Us()).isEqualTo(1_200_000.0);
        assertThat(r.errors()).isZero();
        assertThat(Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused")
                        .requests())
                .isZero();
    }
}
