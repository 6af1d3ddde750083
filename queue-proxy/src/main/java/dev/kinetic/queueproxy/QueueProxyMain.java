package dev.kinetic.queueproxy;

import java.util.concurrent.TimeUnit;

/**
 * The sidecar's entry point: reads {@link QueueConfig} from the environment, starts the listeners and, on SIGTERM,
 * drains before the JVM exits (the shutdown hook blocks until the drain is over).
 */
public final class QueueProxyMain {
    private QueueProxyMain() {}

    public static void main(String[] args) throws Exception {
        QueueConfig config;
        try {
            config = QueueConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        QueueProxy qp = QueueProxy.start(config)
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        int[] ports = qp.ports();
        System.out.printf(
                "queue-proxy ready: serving %d, h2c %d, admin %d, stats %d, metrics %d -> %s:%d%n",
                ports[0], ports[1], ports[2], ports[3], ports[4], config.userHost(), config.userPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drainAndStop(qp), "queue-proxy-drain"));
    }

    private static void drainAndStop(QueueProxy qp) {
        try {
            long limit = qp.config().drainSeconds() + Math.max(1, qp.config().timeoutSeconds()) + 5;
            qp.drain().toCompletionStage().toCompletableFuture().get(limit, TimeUnit.SECONDS);
            System.out.println("queue-proxy drained");
        } catch (Exception e) {
            System.err.println("queue-proxy: drain did not finish cleanly: " + e);
        } finally {
            try {
                qp.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway
            }
        }
    }
}
