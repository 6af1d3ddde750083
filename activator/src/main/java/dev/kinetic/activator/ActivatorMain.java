package dev.kinetic.activator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;

/**
 * The activator's entry point: settings from the environment, Kubernetes access from fabric8's standard
 * configuration (in-cluster service account, kubeconfig, or {@code KUBERNETES_MASTER}), then on SIGTERM a graceful
 * drain before the JVM exits (the shutdown hook blocks until the drain is over).
 */
public final class ActivatorMain {
    private static final System.Logger LOG = System.getLogger(ActivatorMain.class.getName());

    private ActivatorMain() {}

    public static void main(String[] args) throws Exception {
        ActivatorConfig config;
        try {
            config = ActivatorConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.max(1, Runtime.getRuntime().availableProcessors()))
                .setWorkerPoolSize(2));
        KubernetesClient client = new KubernetesClientBuilder().build();
        Activator activator;
        try {
            activator = Activator.start(vertx, config, client)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.ERROR, "activator failed to start", e);
            client.close();
            vertx.close();
            System.exit(1);
            return;
        }
        LOG.log(
                Level.INFO,
                "activator ready: serving {0}, h2c {1}, admin {2}; autoscaler {3}",
                String.valueOf(activator.port()),
                String.valueOf(activator.h2cPort()),
                String.valueOf(activator.adminPort()),
                config.autoscalerUrl());
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> drainAndStop(activator, client, vertx), "activator-drain"));
    }

    private static void drainAndStop(Activator activator, KubernetesClient client, Vertx vertx) {
        try {
            LOG.log(
                    Level.INFO,
                    "draining: no new request for {0}s and none in flight",
                    activator.config().drainPeriod().toSeconds());
            activator.drain().toCompletionStage().toCompletableFuture().get();
            LOG.log(Level.INFO, "drained");
        } catch (Exception e) {
            LOG.log(Level.WARNING, "drain did not finish cleanly", e);
        } finally {
            try {
                activator.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // exiting anyway
            }
            client.close();
            vertx.close();
        }
    }
}
