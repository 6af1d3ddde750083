package dev.kinetic.serving.controller.webhook;

import dev.kinetic.serving.controller.ConfigSnapshot;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Starts the webhook with the controller: takes the mounted certificate or generates one, listens, then patches the
 * CA into the webhook configurations on a worker thread.
 */
@ApplicationScoped
public class WebhookLifecycle {
    private static final Logger LOG = Logger.getLogger(WebhookLifecycle.class);

    private final Vertx vertx;
    private final WebhookConfig config;
    private final ConfigSnapshot snapshot;
    private final KubernetesClient client;
    private volatile WebhookServer server;
    private volatile WebhookCertificate certificate;
    private final CompletableFuture<Integer> caPatched = new CompletableFuture<>();

    @Inject
    public WebhookLifecycle(Vertx vertx, WebhookConfig config, ConfigSnapshot snapshot, KubernetesClient client) {
        this.vertx = vertx;
        this.config = config;
        this.snapshot = snapshot;
        this.client = client;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("admission webhook disabled");
            return;
        }
        certificate = WebhookCertificate.fromDirectory(Path.of(config.certDir()))
                .map(c -> {
                    LOG.infof("webhook serving with the certificate in %s", config.certDir());
                    return c;
                })
                .orElseGet(() -> {
                    LOG.infof("no certificate in %s: using the shared generated one", config.certDir());
                    return SharedCertificates.obtain(
                            client,
                            config.namespace(),
                            config.serviceName() + "-certs",
                            () -> SelfSignedCertificates.generate(
                                    WebhookCertificate.dnsNames(config.serviceName(), config.namespace()),
                                    Instant.now()));
                });
        WebhookServer started = new WebhookServer(vertx, snapshot::api);
        // Startup thread, not an event loop: waiting for the bind makes a port clash fail the start.
        started.listen(config.port(), certificate)
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        server = started;
        LOG.infof("admission webhook listening on port %d", started.actualPort());
        String bundle = certificate.caBundle();
        vertx.<Integer>executeBlocking(
                        () -> new CaBundlePatcher(client)
                                .patch(config.mutatingConfigName(), config.validatingConfigName(), bundle),
                        false)
                .onSuccess(caPatched::complete)
                .onFailure(e -> {
                    LOG.warnf(e, "cannot patch the CA bundle of the webhook configurations");
                    caPatched.completeExceptionally(e);
                });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    /** The port the webhook listens on, or -1 when it is not running. */
    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    /** The certificate the webhook serves with, or {@code null} when it is not running. */
    public WebhookCertificate certificate() {
        return certificate;
    }

    /** Completes with how many webhook configurations got the CA bundle. */
    public CompletableFuture<Integer> caPatched() {
        return caPatched;
    }
}
