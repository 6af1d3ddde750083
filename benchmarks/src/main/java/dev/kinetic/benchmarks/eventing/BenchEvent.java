package dev.kinetic.benchmarks.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The one event every part of the benchmark sends: a binary-mode CloudEvent with a small JSON body. Over HTTP its
 * attributes are {@code ce-*} headers; in Kafka (binary content mode, as the receiver writes a Broker's events) they
 * are {@code ce_*} record headers and {@code content-type}, with the body as the record's value and no key. The raw
 * baselines write exactly these bytes, so they and the receiver put the same records into the same topics.
 *
 * <p>The id is the same for every event: neither the receiver nor the dispatcher deduplicates, and a fixed request
 * keeps wrk's Lua side free of per-request work. Latency runs add the extension {@value #SEND_TIME} (epoch
 * microseconds when the event was sent), which the subscriber stub reads on arrival: both clocks are the machine's
 * wall clock.
 */
public final class BenchEvent {
    public static final String SPEC_VERSION = "1.0";
    public static final String ID = "bench-0001";
    public static final String SOURCE = "/kinetic/benchmarks";
    public static final String TYPE = "dev.kinetic.bench";
    public static final String CONTENT_TYPE = "application/json";
    public static final String BODY = "{\"message\":\"hello from the eventing benchmark\",\"sequence\":42}";
    public static final byte[] BODY_BYTES = BODY.getBytes(StandardCharsets.UTF_8);
    /** The extension carrying the send time, epoch microseconds. */
    public static final String SEND_TIME = "sendtime";

    private BenchEvent() {}

    /** The HTTP headers of the event (binary mode), without the send time. */
    public static Map<String, String> httpHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("ce-specversion", SPEC_VERSION);
        headers.put("ce-id", ID);
        headers.put("ce-source", SOURCE);
        headers.put("ce-type", TYPE);
        return headers;
    }

    /** The Kafka record headers of the event (binary content mode), plus the send time if {@code sendTimeMicros > 0}. */
    public static List<Header> kafkaHeaders(long sendTimeMicros) {
        List<Header> headers = new ArrayList<>(6);
        headers.add(header("ce_specversion", SPEC_VERSION));
        headers.add(header("ce_id", ID));
        headers.add(header("ce_source", SOURCE));
        headers.add(header("ce_type", TYPE));
        headers.add(header("content-type", CONTENT_TYPE));
        if (sendTimeMicros > 0) {
            headers.add(header("ce_" + SEND_TIME, Long.toString(sendTimeMicros)));
        }
        return headers;
    }

    /** The wrk script POSTing the event on every request. */
    public static String wrkScript() {
        StringBuilder lua = new StringBuilder("wrk.method = \"POST\"\n");
        lua.append("wrk.body = '").append(BODY).append("'\n");
        httpHeaders().forEach((name, value) -> lua.append("wrk.headers[\"")
                .append(name)
                .append("\"] = \"")
                .append(value)
                .append("\"\n"));
        return lua.toString();
    }

    /** The wall clock in microseconds since the epoch (clock_gettime(CLOCK_REALTIME) on Linux). */
    public static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
