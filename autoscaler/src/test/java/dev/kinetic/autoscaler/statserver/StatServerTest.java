package dev.kinetic.autoscaler.statserver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.autoscaler.kpa.Deciders;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Activator frames: valid entries are taken, malformed ones counted and dropped one by one. */
class StatServerTest {
    record Row(String name, String frame, long received, long malformed) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String OK = "{\"namespace\":\"ns\",\"revision\":\"r\",\"podName\":\"a\","
            + "\"averageConcurrency\":2,\"requestCount\":3,\"timestamp\":1}";

    static Stream<Row> rows() {
        return Stream.of(
                new Row("one object (first request at zero)", OK, 1, 0),
                new Row("an array of two", "[" + OK + "," + OK + "]", 2, 0),
                new Row("not JSON", "{oops", 0, 1),
                new Row("an entry that is not an object", "[" + OK + ",7]", 1, 1),
                new Row("no namespace", "{\"revision\":\"r\",\"averageConcurrency\":1}", 0, 1),
                new Row("empty revision", "{\"namespace\":\"ns\",\"revision\":\"\"}", 0, 1),
                new Row(
                        "negative concurrency",
                        "{\"namespace\":\"ns\",\"revision\":\"r\",\"averageConcurrency\":-1}",
                        0,
                        1),
                new Row(
                        "concurrency as text",
                        "{\"namespace\":\"ns\",\"revision\":\"r\",\"averageConcurrency\":\"x\"}",
                        0,
                        1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void frame(Row row) {
        StatServer server = new StatServer();
        // A revision without decider: recording and poking are no-ops, so only the parsing is under test.
        server.deciders = new Deciders();
        server.frame(row.frame());
        assertThat(server.received()).isEqualTo(row.received());
        assertThat(server.malformed()).isEqualTo(row.malformed());
    }
}
