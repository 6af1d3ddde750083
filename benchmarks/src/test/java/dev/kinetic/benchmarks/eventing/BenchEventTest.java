package dev.kinetic.benchmarks.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class BenchEventTest {
    @Test
    void httpAndKafkaCarryTheSameAttributes() {
        assertThat(BenchEvent.httpHeaders())
                .containsEntry("ce-specversion", "1.0")
                .containsEntry("ce-id", BenchEvent.ID)
                .containsEntry("ce-source", BenchEvent.SOURCE)
                .containsEntry("ce-type", BenchEvent.TYPE)
                .containsEntry("Content-Type", "application/json");
        assertThat(BenchEvent.kafkaHeaders(0))
                .extracting(Header::key)
                .containsExactly("ce_specversion", "ce_id", "ce_source", "ce_type", "content-type");
        assertThat(BenchEvent.kafkaHeaders(1234)).last().satisfies(h -> {
            assertThat(h.key()).isEqualTo("ce_sendtime");
            assertThat(new String(h.value(), StandardCharsets.UTF_8)).isEqualTo("1234");
        });
    }

    @Test
    void theWrkScriptPostsTheEvent() {
        assertThat(BenchEvent.wrkScript())
                .contains("wrk.method = \"POST\"")
                .contains("wrk.headers[\"ce-type\"] = \"" + BenchEvent.TYPE + "\"")
                .contains("wrk.body = '" + BenchEvent.BODY + "'");
    }

    @Test
    void procStatTicksSkipACommandWithSpaces() {
        String stat = "4242 (java main) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 1000 0 0";

        assertThat(ProcCpu.parseTicks(stat)).isEqualTo(325);
    }
}
