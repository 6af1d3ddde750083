package dev.kinetic.queueproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestMetricsTest {
    private final RequestMetrics metrics =
            new RequestMetrics(new QueueConfig.Identity("ns", "svc", "cfg", "rev", "pod\"x"), () -> 3);

    @Test
    void histogramIsCumulativeAndCountsByClass() {
        metrics.record(200, 3_000_000); // 3 ms
        metrics.record(200, 70_000_000); // 70 ms
        metrics.record(503, 2_000_000_000L); // 2 s
        metrics.record(504, 400_000_000_000L); // beyond the last bucket
        String text = metrics.scrape();
        assertThat(text)
                .contains("le=\"0.005\"} 1\n")
                .contains("le=\"0.1\"} 2\n")
                .contains("le=\"2.5\"} 3\n")
                .contains("le=\"300.0\"} 3\n")
                .contains("le=\"+Inf\"} 4\n")
                .containsPattern("_count\\{[^}]*\\} 4\n")
                .containsPattern("response_code_class=\"2xx\"\\} 2\n")
                .containsPattern("response_code_class=\"5xx\"\\} 2\n")
                .containsPattern("kn_serving_queue_depth\\{[^}]*\\} 3\n")
                .contains("pod_name=\"pod\\\"x\"");
    }
}
