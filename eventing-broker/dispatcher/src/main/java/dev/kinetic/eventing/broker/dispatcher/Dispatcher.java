package dev.kinetic.eventing.broker.dispatcher;

import dev.kinetic.eventing.core.contract.ContractWatcher;
import dev.kinetic.eventing.core.delivery.Delivery;
import dev.kinetic.eventing.core.delivery.EventSender;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * The dispatcher process: watches the contract and runs one consumer group per Trigger. {@code /healthz} and {@code
 * /readyz} answer on the HTTP port like Knative's data plane; MicroProfile Health and the metrics are on the
 * management port.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final DispatcherSettings settings;
    private final KubernetesClient kubernetes;
    private final Vertx vertx;
    private final DispatcherMetrics metrics;
    private final MeterRegistry registry;
    private volatile WebClient client;
    private volatile Dispatchers dispatchers;
    private volatile ContractWatcher watcher;

    Dispatcher(DispatcherSettings settings, KubernetesClient kubernetes, Vertx vertx, MeterRegistry registry) {
        this.settings = settings;
        this.kubernetes = kubernetes;
        this.vertx = vertx;
        this.metrics = new DispatcherMetrics(registry);
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setMaxPoolSize(settings.dispatcher().maxPoolSize())
                        .setKeepAlive(true)
                        .setIdleTimeout(10)
                        .setFollowRedirects(false));
        dispatchers = new Dispatchers(settings, new Delivery(vertx, new EventSender(vertx, client)), metrics, registry);
        watcher = ContractWatcher.start(
                kubernetes, settings.systemNamespace(), settings.contractConfigMap(), dispatchers);
        LOG.log(Level.INFO, "watching contract {0}/{1}", settings.systemNamespace(), settings.contractConfigMap());
    }

    void stop(@Observes ShutdownEvent event) {
        if (watcher != null) {
            watcher.close();
        }
        if (dispatchers != null) {
            dispatchers.close();
        }
        if (client != null) {
            client.close();
        }
    }

    /** Whether the contract has been read. */
    boolean ready() {
        ContractWatcher w = watcher;
        return w != null && w.synced();
    }

    /** The contract generation applied. */
    long generation() {
        ContractWatcher w = watcher;
        return w == null ? 0 : w.appliedGeneration();
    }

    /** How many Triggers run. */
    int triggers() {
        Dispatchers d = dispatchers;
        return d == null ? 0 : d.size();
    }

    void routes(@Observes Router router) {
        router.get("/healthz").handler(ctx -> ctx.response().end());
        router.get("/readyz")
                .handler(
                        ctx -> ctx.response().setStatusCode(ready() ? 200 : 503).end());
    }
}
