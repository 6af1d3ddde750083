package dev.kinetic.activator.handler;

import dev.kinetic.activator.discovery.BackendRegistry;
import dev.kinetic.activator.discovery.BackendRegistry.RevisionBackend;
import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.activator.revision.RevisionRouting;
import dev.kinetic.activator.stats.StatsReporter;
import dev.kinetic.dataplane.KnativeHeaders;
import dev.kinetic.dataplane.ReverseProxy;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * Entry point of every request on the activator's serving ports, shared by all event loops: health probes are
 * answered here; anything else must name a known revision (routing headers or Host) and is then proxied by a {@link
 * ProxiedRequest}. A request for an unknown revision gets 404 naming it.
 */
public final class ActivatorHandler implements Handler<HttpServerRequest> {
    private final BackendRegistry registry;
    private final ReverseProxy proxy;
    private final StatsReporter stats;
    private final Drainer drainer;
    private final String clusterDomain;

    public ActivatorHandler(
            BackendRegistry registry, ReverseProxy proxy, StatsReporter stats, Drainer drainer, String clusterDomain) {
        this.registry = registry;
        this.proxy = proxy;
        this.stats = stats;
        this.drainer = drainer;
        this.clusterDomain = clusterDomain;
    }

    @Override
    public void handle(HttpServerRequest req) {
        // Before anything else: the body must wait for the pod, which may be a while away.
        req.pause();
        if (isHealthCheck(req)) {
            health(req);
            return;
        }
        Optional<RevisionKey> key = RevisionRouting.resolve(
                req.getHeader(KnativeHeaders.REVISION),
                req.getHeader(KnativeHeaders.NAMESPACE),
                req.authority() != null ? req.authority().toString() : req.getHeader(HttpHeaders.HOST),
                clusterDomain);
        if (key.isEmpty()) {
            reply(
                    req,
                    404,
                    "no revision named: neither " + KnativeHeaders.REVISION + "/" + KnativeHeaders.NAMESPACE
                            + " headers nor a Host of the form {revision}.{namespace}.svc." + clusterDomain);
            return;
        }
        RevisionBackend backend = registry.get(key.get());
        if (backend == null) {
            reply(req, 404, "revision \"" + key.get() + "\" not found");
            return;
        }
        new ProxiedRequest(req, backend, registry, proxy, stats, drainer).start();
    }

    /**
     * The activator's own readiness check ({@code K-Network-Probe: activator}, on any path) and the kubelet's probes.
     */
    static boolean isHealthCheck(HttpServerRequest req) {
        if (KnativeHeaders.ACTIVATOR.equals(req.getHeader(KnativeHeaders.NETWORK_PROBE))) {
            return true;
        }
        if (req.headers().contains(KnativeHeaders.KUBELET_PROBE)) {
            return true;
        }
        String ua = req.getHeader(HttpHeaders.USER_AGENT);
        return ua != null && ua.startsWith(KnativeHeaders.KUBE_PROBE_USER_AGENT_PREFIX);
    }

    private void health(HttpServerRequest req) {
        if (drainer.isDraining()) {
            reply(req, 503, "shutting down");
        } else {
            reply(req, 200, KnativeHeaders.ACTIVATOR);
        }
    }

    /** Answers a request whose body will not be read (it is drained and dropped). */
    static void reply(HttpServerRequest req, int status, String body) {
        req.resume();
        if (req.response().ended() || req.response().closed()) {
            return;
        }
        req.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end(body);
    }
}
