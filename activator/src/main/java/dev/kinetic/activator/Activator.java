package dev.kinetic.activator;

import dev.kinetic.activator.discovery.BackendRegistry;
import dev.kinetic.activator.discovery.KubernetesWatcher;
import dev.kinetic.activator.discovery.PodProber;
import dev.kinetic.activator.handler.ActivatorHandler;
import dev.kinetic.activator.handler.Drainer;
import dev.kinetic.activator.stats.AutoscalerConnection;
import dev.kinetic.activator.stats.Backoff;
import dev.kinetic.activator.stats.StatMessage;
import dev.kinetic.activator.stats.StatsReporter;
import dev.kinetic.dataplane.ReverseProxy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Verticle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One running activator: the serving listeners (HTTP/1.1 + h2c on the main port and on the h2c port, one server
 * instance per event loop), the admin listener ({@code /wait-for-drain}), the Kubernetes watches feeding the
 * backend registry, pod probing, and the stats stream to the autoscaler. Tests start it in-process on free ports;
 * {@link ActivatorMain} runs it as a process.
 */
public final class Activator {
    /** Knative's activator reports once a second. */
    static final long REPORT_PERIOD_MILLIS = 1000;

    /** The next negative port number for a shared random port (see {@link #listen}). */
    private static final AtomicInteger SHARED_RANDOM_PORTS = new AtomicInteger();

    private static final Backoff RECONNECT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

    private final Vertx vertx;
    private final ActivatorConfig config;
    private final KubernetesClient client;
    private final Drainer drainer;
    private final List<String> deployments = new ArrayList<>();

    private ControlVerticle control;
    private PodProber prober;
    private BackendRegistry registry;
    private KubernetesWatcher watcher;
    private AutoscalerConnection autoscaler;
    private StatsReporter reporter;
    private ReverseProxy proxy;
    private volatile int port;
    private volatile int h2cPort;
    private volatile int adminPort;

    private Activator(Vertx vertx, ActivatorConfig config, KubernetesClient client) {
        this.vertx = vertx;
        this.config = config;
        this.client = client;
        this.drainer = new Drainer(vertx);
    }

    /**
     * Starts an activator: watches synced first, then listeners, so that no request gets a 404 for a revision that
     * exists. The client is not closed by {@link #close()}; its owner closes it.
     */
    public static Future<Activator> start(Vertx vertx, ActivatorConfig config, KubernetesClient client) {
        Activator activator = new Activator(vertx, config, client);
        return activator.startAll().map(activator);
    }

    private Future<Void> startAll() {
        control = new ControlVerticle();
        return vertx.deployVerticle(control)
                .compose(id -> {
                    deployments.add(id);
                    Context ctx = control.context();
                    prober = new PodProber(vertx, config.probeTimeout());
                    autoscaler = new AutoscalerConnection(vertx, ctx, config.autoscalerUrl(), RECONNECT);
                    reporter = new StatsReporter(vertx, config.podName(), autoscaler::send);
                    registry = new BackendRegistry(
                            vertx,
                            ctx,
                            prober,
                            config.probeFrequency(),
                            config.queueDepth(),
                            reporter::revisionRemoved);
                    watcher = new KubernetesWatcher(client, registry);
                    proxy = new ReverseProxy(vertx, 100);
                    ctx.runOnContext(v -> reporter.start(REPORT_PERIOD_MILLIS));
                    // The first JSON encoding loads and initialises Jackson (a few hundred ms on a small CPU share):
                    // pay it now, not in the scale-from-zero poke of the first request.
                    StatMessage.encode(List.of(new StatMessage("", "", config.podName(), 0, 0, 0, 0, 0)));
                    autoscaler.start();
                    registry.start();
                    return watcher.start();
                })
                .compose(v -> {
                    ActivatorHandler handler =
                            new ActivatorHandler(registry, proxy, reporter, drainer, config.clusterDomain());
                    return listen(config.port(), handler).compose(p -> {
                        port = p;
                        return listen(config.h2cPort(), handler);
                    });
                })
                .compose(p -> {
                    h2cPort = p;
                    return listenOnce(config.adminPort(), this::admin);
                })
                .map(p -> {
                    adminPort = p;
                    return null;
                });
    }

    /**
     * Listens on {@code port} with one server instance per event loop. Port 0 picks one free port that all the
     * instances share: Vert.x shares a random port among servers listening on the same negative port number, and
     * each listener takes a number of its own so that activators in one Vert.x (tests) never share.
     */
    private Future<Integer> listen(int requestedPort, Handler<HttpServerRequest> handler) {
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        int listenPort = requestedPort == 0 ? SHARED_RANDOM_PORTS.decrementAndGet() : requestedPort;
        List<ServerVerticle> servers = new ArrayList<>();
        Supplier<Verticle> server = () -> {
            ServerVerticle v = new ServerVerticle(options(listenPort), handler);
            synchronized (servers) {
                servers.add(v);
            }
            return v;
        };
        return vertx.deployVerticle(server, new DeploymentOptions().setInstances(instances))
                .map(id -> {
                    deployments.add(id);
                    synchronized (servers) {
                        return servers.get(0).port();
                    }
                });
    }

    private Future<Integer> listenOnce(int requestedPort, Handler<HttpServerRequest> handler) {
        ServerVerticle first = new ServerVerticle(options(requestedPort), handler);
        return vertx.deployVerticle(first).map(id -> {
            deployments.add(id);
            return first.port();
        });
    }

    private HttpServerOptions options(int listenPort) {
        // h2c both with prior knowledge and by upgrade is on by default; HTTP/2 requests go to pods over h2c.
        return new HttpServerOptions()
                .setHost(config.bindAddress())
                .setPort(listenPort)
                .setTcpNoDelay(true)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setHttp2ClearTextEnabled(true);
    }

    /** The admin port: {@code /wait-for-drain} starts the drain if need be and answers when it is over. */
    private void admin(HttpServerRequest req) {
        if ("/wait-for-drain".equals(req.path())) {
            drain().onComplete(ar -> req.response().end(ar.succeeded() ? "drained" : "drain failed"));
        } else {
            req.response().setStatusCode(404).end();
        }
    }

    /** Drains with the configured {@code DRAIN_PERIOD_SECONDS}. */
    public Future<Void> drain() {
        return drain(config.drainPeriod());
    }

    /**
     * Begins the graceful drain: health probes fail from now on, requests keep being served, and the future completes
     * once none arrived for {@code quietPeriod} and none is in flight. Idempotent.
     */
    public Future<Void> drain(Duration quietPeriod) {
        return drainer.drain(quietPeriod);
    }

    public boolean isDraining() {
        return drainer.isDraining();
    }

    /** Stops listening, watching, probing and reporting. Requests still in flight are cut: drain first. */
    public Future<Void> close() {
        if (watcher != null) {
            watcher.close();
        }
        if (reporter != null) {
            reporter.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (autoscaler != null) {
            autoscaler.close();
        }
        List<Future<Void>> undeployed = new ArrayList<>();
        for (String id : deployments) {
            undeployed.add(vertx.undeploy(id));
        }
        deployments.clear();
        return Future.join(undeployed).<Void>mapEmpty().onComplete(ar -> {
            if (proxy != null) {
                proxy.close();
            }
            if (prober != null) {
                prober.close();
            }
        });
    }

    public int port() {
        return port;
    }

    public int h2cPort() {
        return h2cPort;
    }

    public int adminPort() {
        return adminPort;
    }

    public ActivatorConfig config() {
        return config;
    }

    /** The revisions and pods the activator knows (for tests and diagnostics). */
    public BackendRegistry registry() {
        return registry;
    }

    public AutoscalerConnection autoscaler() {
        return autoscaler;
    }

    /** Owns the context the registry, the stats timer and the autoscaler connection run on. */
    private static final class ControlVerticle extends AbstractVerticle {
        Context context() {
            return context;
        }
    }

    /** One HTTP server instance, on the event loop Vert.x gives this verticle. */
    private static final class ServerVerticle extends AbstractVerticle {
        private final HttpServerOptions options;
        private final Handler<HttpServerRequest> handler;
        private volatile int port;

        ServerVerticle(HttpServerOptions options, Handler<HttpServerRequest> handler) {
            this.options = options;
            this.handler = handler;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpServer server = vertx.createHttpServer(options).requestHandler(handler);
            server.listen().onComplete(ar -> {
                if (ar.succeeded()) {
                    port = ar.result().actualPort();
                    started.complete();
                } else {
                    started.fail(ar.cause());
                }
            });
        }

        int port() {
            return port;
        }
    }
}
