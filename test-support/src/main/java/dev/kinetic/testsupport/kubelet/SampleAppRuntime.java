package dev.kinetic.testsupport.kubelet;

import dev.kinetic.testsupport.app.SampleApp;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a container as an in-process {@link SampleApp} on {@code <pod IP>:<PORT>} ({@code PORT} from the container's
 * environment, default 8080), listening only after {@code START_DELAY_MS} (default 0) to model a cold start. Starting
 * returns at once; the delay runs on a Vert.x timer, never on the kubelet's threads.
 *
 * <p>Tests reach the apps by pod: {@link #app(String, String)} for one, {@link #apps(String)} for a namespace, to
 * read {@link SampleApp#served()}, {@link SampleApp#concurrency()} or make one fail its health check. One Vert.x
 * instance serves every app; {@link #close()} closes it (after the kubelet has stopped its containers).
 */
public final class SampleAppRuntime implements ContainerRuntime, AutoCloseable {
    /** The port the app listens on when the container sets no {@code PORT}: Knative's default. */
    public static final int DEFAULT_PORT = 8080;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final Map<String, SampleApp> apps = new ConcurrentHashMap<>();

    @Override
    public Running start(Launch launch) {
        int port = Integer.parseInt(launch.env().getOrDefault("PORT", Integer.toString(DEFAULT_PORT)));
        long delay = Long.parseLong(launch.env().getOrDefault("START_DELAY_MS", "0"));
        SampleApp app = SampleApp.starting(vertx, launch.podIp(), port, Duration.ofMillis(delay));
        String key = key(launch.namespace(), launch.podName());
        apps.put(key, app);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        // An app that cannot bind exits, as a process would.
        app.started().onFailure(e -> {
            if (apps.remove(key, app)) {
                exit.complete(1);
            }
        });
        return new Running() {
            @Override
            public CompletableFuture<Integer> exit() {
                return exit;
            }

            @Override
            public void stop(Duration grace) {
                apps.remove(key, app);
                app.closeAsync().onComplete(ar -> exit.complete(0));
            }
        };
    }

    /** The app of pod {@code namespace/podName}, once its container was started and until it is stopped. */
    public Optional<SampleApp> app(String namespace, String podName) {
        return Optional.ofNullable(apps.get(key(namespace, podName)));
    }

    /** The apps of the running pods in {@code namespace}. */
    public List<SampleApp> apps(String namespace) {
        String prefix = namespace + "/";
        return apps.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static String key(String namespace, String podName) {
        return namespace + "/" + podName;
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the sample apps' Vert.x did not close", e);
        }
    }
}
