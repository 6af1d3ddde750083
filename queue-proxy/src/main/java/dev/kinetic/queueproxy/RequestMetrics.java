package dev.kinetic.queueproxy;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * User-facing request metrics in the Prometheus text format, on {@code :9091}, with Knative's names:
 * {@code kn_serving_invocation_duration_seconds} (histogram of request durations through the queue-proxy),
 * {@code kn_serving_queue_depth} (requests admitted into the breaker, running or waiting) and
 * {@code revision_request_count} by response code class. Recording is a few adder increments; the label set is
 * fixed per pod and rendered once.
 */
final class RequestMetrics {
    /** Upper bounds in seconds (Prometheus' {@code le}). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private final String labels;
    private final IntSupplier queueDepth;
    private final LongAdder[] buckets = new LongAdder[BUCKETS.length + 1];
    private final LongAdder[] byClass = new LongAdder[6];
    private final LongAdder count = new LongAdder();
    private final LongAdder sumMicros = new LongAdder();

    RequestMetrics(QueueConfig.Identity id, IntSupplier queueDepth) {
        this.labels = "namespace_name=\"" + escape(id.namespace()) + "\",service_name=\"" + escape(id.service())
                + "\",configuration_name=\"" + escape(id.configuration()) + "\",revision_name=\""
                + escape(id.revision()) + "\",pod_name=\"" + escape(id.pod()) + "\"";
        this.queueDepth = queueDepth;
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new LongAdder();
        }
    }

    /** A request finished with {@code status} after {@code nanos}. */
    void record(int status, long nanos) {
        double seconds = nanos / 1e9;
        int b = 0;
        while (b < BUCKETS.length && seconds > BUCKETS[b]) {
            b++;
        }
        buckets[b].increment();
        count.increment();
        sumMicros.add(nanos / 1000);
        int cls = status / 100;
        byClass[cls >= 1 && cls <= 5 ? cls : 0].increment();
    }

    /** The exposition text. */
    String scrape() {
        StringBuilder sb = new StringBuilder(2048);
        sb.append("# HELP kn_serving_invocation_duration_seconds Time requests spent in the queue-proxy and app.\n");
        sb.append("# TYPE kn_serving_invocation_duration_seconds histogram\n");
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += buckets[i].sum();
            sb.append("kn_serving_invocation_duration_seconds_bucket{")
                    .append(labels)
                    .append(",le=\"")
                    .append(BUCKETS[i])
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
        }
        cumulative += buckets[BUCKETS.length].sum();
        sb.append("kn_serving_invocation_duration_seconds_bucket{")
                .append(labels)
                .append(",le=\"+Inf\"} ")
                .append(cumulative)
                .append('\n');
        sb.append("kn_serving_invocation_duration_seconds_sum{")
                .append(labels)
                .append("} ")
                .append(sumMicros.sum() / 1e6)
                .append('\n');
        sb.append("kn_serving_invocation_duration_seconds_count{")
                .append(labels)
                .append("} ")
                .append(count.sum())
                .append('\n');
        sb.append("# HELP kn_serving_queue_depth Requests in the breaker, running or waiting.\n");
        sb.append("# TYPE kn_serving_queue_depth gauge\n");
        sb.append("kn_serving_queue_depth{")
                .append(labels)
                .append("} ")
                .append(queueDepth.getAsInt())
                .append('\n');
        sb.append("# HELP revision_request_count Requests answered, by response code class.\n");
        sb.append("# TYPE revision_request_count counter\n");
        for (int c = 1; c <= 5; c++) {
            sb.append("revision_request_count{")
                    .append(labels)
                    .append(",response_code_class=\"")
                    .append(c)
                    .append("xx\"} ")
                    .append(byClass[c].sum())
                    .append('\n');
        }
        return sb.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
