package dev.kinetic.activator.stats;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one long-lived WebSocket to the autoscaler. It connects at start and reconnects after any failure or close,
 * with capped exponential backoff. Stats sent while it is down are dropped, not queued: a stale window is worth
 * nothing to the autoscaler, and an outage must not grow the activator's memory. All state is on one context;
 * {@link #send} may be called from any thread.
 */
public final class AutoscalerConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AutoscalerConnection.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final URI url;
    private final Backoff backoff;
    private final WebSocketClient client;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    private volatile WebSocket socket;
    private int failures;
    private boolean closed;
    private long retryTimer = -1;

    /**
     * @param context where the connection's state lives (and its callbacks run)
     * @param url {@code ws://} or {@code wss://}
     */
    public AutoscalerConnection(Vertx vertx, Context context, URI url, Backoff backoff) {
        this.vertx = vertx;
        this.context = context;
        this.url = url;
        this.backoff = backoff;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout(5_000)
                .setTcpNoDelay(true)
                // No idle timeout (quiet minutes are normal when nothing is at zero); TCP keep-alive notices a
                // silently dead peer instead.
                .setTcpKeepAlive(true));
    }

    /** Starts connecting; returns at once. */
    public void start() {
        context.runOnContext(v -> connect());
    }

    /** Sends one frame if connected; returns false (and counts a drop) otherwise. */
    public boolean send(String text) {
        WebSocket ws = socket;
        if (ws == null || ws.isClosed()) {
            dropped.incrementAndGet();
            return false;
        }
        // Never let a slow autoscaler make us buffer without bound: skip the frame if the socket is backed up.
        if (ws.writeQueueFull()) {
            dropped.incrementAndGet();
            return false;
        }
        ws.writeTextMessage(text);
        sent.incrementAndGet();
        return true;
    }

    public boolean isConnected() {
        WebSocket ws = socket;
        return ws != null && !ws.isClosed();
    }

    /** Frames sent since start. */
    public long sent() {
        return sent.get();
    }

    /** Frames dropped since start because the connection was down or backed up. */
    public long dropped() {
        return dropped.get();
    }

    private void connect() {
        if (closed) {
            return;
        }
        boolean tls = "wss".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path = path + "?" + url.getRawQuery();
        }
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(url.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(path);
        client.connect(options).onComplete(ar -> {
            if (ar.failed()) {
                retry("cannot connect: " + ar.cause().getMessage());
                return;
            }
            WebSocket ws = ar.result();
            if (closed) {
                ws.close();
                return;
            }
            failures = 0;
            socket = ws;
            LOG.log(Level.INFO, "connected to the autoscaler at {0}", url);
            // The autoscaler has nothing to tell us; anything it sends is read and dropped.
            ws.handler(buf -> {});
            ws.exceptionHandler(e -> LOG.log(Level.DEBUG, "autoscaler connection error: {0}", e.toString()));
            ws.closeHandler(v -> {
                if (socket == ws) {
                    socket = null;
                }
                retry("connection closed");
            });
        });
    }

    private void retry(String why) {
        if (closed || retryTimer >= 0) {
            return;
        }
        failures++;
        long delay = backoff.delayMillis(failures);
        if (failures == 1 || LOG.isLoggable(Level.DEBUG)) {
            LOG.log(
                    Level.WARNING,
                    "autoscaler at {0}: {1}; retrying in {2} ms (stats are dropped meanwhile)",
                    url,
                    why,
                    delay);
        }
        retryTimer = vertx.setTimer(delay, id -> {
            retryTimer = -1;
            connect();
        });
    }

    @Override
    public void close() {
        context.runOnContext(v -> {
            closed = true;
            if (retryTimer >= 0) {
                vertx.cancelTimer(retryTimer);
                retryTimer = -1;
            }
            WebSocket ws = socket;
            socket = null;
            if (ws != null) {
                ws.close();
            }
            client.close();
        });
    }
}
