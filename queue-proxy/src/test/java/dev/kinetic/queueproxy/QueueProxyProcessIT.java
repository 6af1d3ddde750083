package dev.kinetic.queueproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kinetic.testsupport.app.SampleApp;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The queue-proxy as its own process, stopped with a real SIGTERM. */
class QueueProxyProcessIT {
    private static final Pattern READY = Pattern.compile("serving (\\d+), h2c (\\d+), admin (\\d+)");

    @Test
    void sigtermDrainsFinishesInFlightRequestsAndThenRefusesConnections() throws Exception {
        Path log = Files.createTempFile("queue-proxy", ".log");
        try (SampleApp app = SampleApp.start()) {
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            QueueProxyMain.class.getName())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("USER_PORT", Integer.toString(app.port()));
            pb.environment().put("QUEUE_BIND_ADDRESS", "127.0.0.1");
            for (String port : new String[] {
                "QUEUE_SERVING_PORT",
                "QUEUE_H2C_PORT",
                "QUEUE_ADMIN_PORT",
                "QUEUE_AUTOSCALER_METRICS_PORT",
                "QUEUE_USER_METRICS_PORT"
            }) {
                pb.environment().put(port, "0");
            }
            pb.environment().put("DRAIN_PERIOD_SECONDS", "1");
            Process process = pb.start();
            try {
                int serving = servingPort(log);
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .build();
                URI slow = URI.create("http://127.0.0.1:" + serving + "/?sleep=2500");
                CompletableFuture<HttpResponse<String>> inFlight =
                        client.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
                await().atMost(Duration.ofSeconds(5)).until(() -> app.concurrency() == 1);

                process.destroy(); // SIGTERM

                HttpResponse<String> done = inFlight.get(15, TimeUnit.SECONDS);
                assertThat(done.statusCode()).isEqualTo(200);
                assertThat(done.body()).isEqualTo("hello");
                assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(Files.readString(log)).contains("queue-proxy drained"));
                assertThatThrownBy(() -> new Socket("127.0.0.1", serving).close())
                        .isInstanceOf(ConnectException.class);
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static int servingPort(Path log) {
        int[] port = {0};
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Matcher m = READY.matcher(Files.readString(log));
                    if (m.find()) {
                        port[0] = Integer.parseInt(m.group(1));
                    }
                    return port[0] > 0;
                });
        return port[0];
    }
}
