package dev.kinetic.activator.handler;

import dev.kinetic.activator.discovery.BackendRegistry;
import dev.kinetic.activator.discovery.BackendRegistry.RevisionBackend;
import dev.kinetic.activator.discovery.PodAddress;
import dev.kinetic.activator.revision.RevisionSettings;
import dev.kinetic.activator.stats.StatsReporter;
import dev.kinetic.activator.throttle.PodTracker;
import dev.kinetic.activator.throttle.RevisionThrottler;
import dev.kinetic.dataplane.ForwardedHeaders;
import dev.kinetic.dataplane.KnativeHeaders;
import dev.kinetic.dataplane.ReverseProxy;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request's trip through the activator: it waits in its revision's throttler until a probed pod has room (or
 * its deadline passes, or the queue is full: 503), is forwarded with the revision's timeouts counted from arrival,
 * and gives its slot back when the exchange ends. Only a request that reached no pod ({@link
 * ReverseProxy.Outcome#UNREACHABLE}) is tried again, on another pod or after waiting again: anything else may have
 * reached the app and is never retried.
 *
 * <p>Everything runs on the request's event loop; {@link #admit} is the one entry from other threads and hops over.
 */
final class ProxiedRequest implements RevisionThrottler.Waiter {
    private final HttpServerRequest req;
    private final RevisionBackend backend;
    private final BackendRegistry registry;
    private final ReverseProxy proxy;
    private final StatsReporter reporter;
    private final Drainer drainer;
    private final Context context;
    private final Vertx vertx;
    private final long arrivalNanos = System.nanoTime();
    /** The revision's settings when the request arrived: its timeouts do not move under it. */
    private final RevisionSettings settings;

    private StatsReporter.RevisionStats stats;
    private long deadlineTimer = -1;
    /** Set when a pod was handed to this request: tells {@link #waitForPod} the admission already happened. */
    private boolean forwarded;

    private boolean finished;

    ProxiedRequest(
            HttpServerRequest req,
            RevisionBackend backend,
            BackendRegistry registry,
            ReverseProxy proxy,
            StatsReporter reporter,
            Drainer drainer) {
        this.req = req;
        this.backend = backend;
        this.registry = registry;
        this.proxy = proxy;
        this.reporter = reporter;
        this.drainer = drainer;
        this.context = Vertx.currentContext();
        this.vertx = context.owner();
        this.settings = backend.settings();
    }

    void start() {
        drainer.requestStarted();
        stats = reporter.requestStarted(backend.key());
        if (!backend.throttler().hasPods()) {
            // Scale from zero starts now, not at the next periodic report.
            reporter.poke(backend.key(), stats);
        }
        waitForPod();
    }

    private void waitForPod() {
        long timeoutMillis = settings.timeoutSeconds() * 1000;
        long left = timeoutMillis > 0 ? timeoutMillis - elapsedMillis() : Long.MAX_VALUE;
        if (left <= 0) {
            noCapacityInTime();
            return;
        }
        forwarded = false;
        RevisionThrottler.Admission admission = backend.throttler().acquire(this);
        if (admission == RevisionThrottler.Admission.REJECTED) {
            fail(
                    503,
                    "activator queue for revision \"" + backend.key() + "\" is full ("
                            + backend.throttler().queueDepth() + " requests waiting)");
            return;
        }
        if (forwarded) {
            // Admitted on this thread already: the common case costs no timer and no handler.
            return;
        }
        // Waiting. An admission from another thread reaches us through runOnContext, so it cannot overtake these.
        if (timeoutMillis > 0) {
            deadlineTimer = vertx.setTimer(left, id -> {
                deadlineTimer = -1;
                if (backend.throttler().cancel(this)) {
                    noCapacityInTime();
                }
            });
        }
        // A client that leaves gives its place up (the proxy takes this handler over once forwarding).
        req.response().closeHandler(v -> {
            if (backend.throttler().cancel(this)) {
                cancelDeadline();
                finish();
            }
        });
    }

    @Override
    public void admit(PodTracker pod) {
        if (Vertx.currentContext() == context) {
            forward(pod);
        } else {
            context.runOnContext(v -> forward(pod));
        }
    }

    private void forward(PodTracker pod) {
        forwarded = true;
        cancelDeadline();
        if (finished || req.response().closed() || req.response().ended()) {
            backend.throttler().release(pod);
            finish();
            return;
        }
        long elapsed = elapsedMillis();
        if (settings.timeoutSeconds() > 0 && elapsed >= settings.timeoutSeconds() * 1000) {
            // Admitted in the same instant the deadline passed.
            backend.throttler().release(pod);
            noCapacityInTime();
            return;
        }
        SocketAddress target = PodAddress.parse(pod.address()).socketAddress();
        proxy.forward(req, target, settings.remainingTimeouts(elapsed), this::editHeaders, outcome -> {
            backend.throttler().release(pod);
            if (outcome == ReverseProxy.Outcome.UNREACHABLE) {
                // Nothing reached the pod: safe to try again, and the pod leaves the rotation until it passes a probe.
                registry.podUnreachable(backend.key(), pod.address());
                waitForPod();
                return;
            }
            finish();
        });
    }

    /** What the pod sees: no routing headers, the activator's mark, and the forwarding chain. */
    private void editHeaders(MultiMap headers) {
        List<String> routing = new ArrayList<>(2);
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().toLowerCase(Locale.ROOT).startsWith(KnativeHeaders.SERVING_PREFIX)) {
                routing.add(h.getKey());
            }
        }
        routing.forEach(headers::remove);
        headers.set(KnativeHeaders.PROXY_REQUEST, KnativeHeaders.ACTIVATOR);
        SocketAddress peer = req.remoteAddress();
        ForwardedHeaders.apply(headers, peer == null ? null : peer.hostAddress(), "http");
    }

    private void noCapacityInTime() {
        fail(
                503,
                "revision \"" + backend.key() + "\" had no ready pod with capacity within its timeout of "
                        + settings.timeoutSeconds() + "s");
    }

    private void fail(int status, String message) {
        ActivatorHandler.reply(req, status, message);
        finish();
    }

    private void cancelDeadline() {
        if (deadlineTimer >= 0) {
            vertx.cancelTimer(deadlineTimer);
            deadlineTimer = -1;
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        reporter.requestEnded(stats);
        drainer.requestEnded();
    }

    private long elapsedMillis() {
        return (System.nanoTime() - arrivalNanos) / 1_000_000;
    }
}
