package dev.kinetic.dataplane;

import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A streaming reverse proxy for one hop of the serving data plane (activator → pod, queue-proxy → user container),
 * with Knative's timeout semantics ({@code pkg/http/handler/timeout.go}):
 *
 * <ul>
 *   <li>Bodies stream both ways with back-pressure, never buffered whole; response headers of a streamed response
 *       are sent as soon as they arrive.
 *   <li>HTTP/2 requests go upstream over h2c (prior knowledge), HTTP/1.1 over HTTP/1.1, so gRPC passes through;
 *       trailers are copied.
 *   <li>An HTTP/1.1 upgrade (websocket) becomes a raw tunnel once the upstream answers 101; timeouts stop there.
 *   <li>The total and response-start timeouts answer 504 with the timeout message if no response has started; once
 *       it has, they let it run. The idle timeout (gap between writes, counted from arrival) answers 504 if nothing
 *       was sent yet and otherwise cuts the stream.
 * </ul>
 *
 * <p>Everything runs on the request's event loop; nothing blocks.
 */
public final class ReverseProxy {
    /** How an exchange ended; reported exactly once per {@link #forward}. */
    public enum Outcome {
        /** The upstream's response was passed on completely (or a tunnel ran and closed). */
        COMPLETED,
        /** A timeout passed: a 504 was sent or the stream was cut. */
        TIMED_OUT,
        /**
         * No connection to the upstream could be made. Nothing reached it and nothing was sent to the client: the
         * caller answers (or tries elsewhere; the request body has not been read).
         */
        UNREACHABLE,
        /** The upstream failed mid-exchange: a 502 was sent, or the stream was cut if the response had started. */
        UPSTREAM_FAILED,
        /** The client went away; the upstream request was reset. */
        CLIENT_GONE
    }

    /** Pods are on the cluster network (or loopback): a connection that takes longer will not come. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2000;

    private final Vertx vertx;
    private final HttpClient http1;
    private final HttpClient h2c;

    /**
     * @param maxConnectionsPerHost HTTP/1.1 keep-alive pool size per upstream (Knative: containerConcurrency, or
     *     1000 when unlimited)
     */
    public ReverseProxy(Vertx vertx, int maxConnectionsPerHost) {
        this(vertx, maxConnectionsPerHost, DEFAULT_CONNECT_TIMEOUT_MS);
    }

    /**
     * @param maxConnectionsPerHost as above
     * @param connectTimeoutMillis how long a connection attempt may take before the exchange ends as
     *     {@link Outcome#UNREACHABLE}: a pod that vanished without a reset must not hold a request until its timeout
     */
    public ReverseProxy(Vertx vertx, int maxConnectionsPerHost, int connectTimeoutMillis) {
        this.vertx = vertx;
        HttpClientOptions http1Options = new HttpClientOptions()
                .setConnectTimeout(connectTimeoutMillis)
                .setKeepAlive(true)
                .setTcpNoDelay(true)
                .setDecompressionSupported(false)
                .setMaxInitialLineLength(16 * 1024)
                .setMaxHeaderSize(64 * 1024)
                .setKeepAliveTimeout(60);
        this.http1 = vertx.createHttpClient(
                http1Options,
                new PoolOptions().setHttp1MaxSize(maxConnectionsPerHost).setMaxWaitQueueSize(-1));
        HttpClientOptions h2Options = new HttpClientOptions(http1Options)
                .setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false)
                .setHttp2KeepAliveTimeout(60);
        this.h2c = vertx.createHttpClient(h2Options, new PoolOptions().setHttp2MaxSize(1));
    }

    /**
     * Forwards {@code req} to {@code target}. The request must have been {@linkplain HttpServerRequest#pause()
     * paused} when it arrived, so its body waits for the upstream; the listener is expected to answer
     * {@code Expect: 100-continue} itself (Vert.x' {@code handle100ContinueAutomatically}). {@code editHeaders} gets the headers to send
     * upstream (hop-by-hop ones already removed) and may change them. {@code done} is called once, on the request's
     * event loop, when the exchange is over.
     */
    public void forward(
            HttpServerRequest req,
            SocketAddress target,
            Timeouts timeouts,
            Consumer<MultiMap> editHeaders,
            Handler<Outcome> done) {
        new Exchange(req, timeouts, done).start(target, editHeaders);
    }

    /** Closes the upstream connection pools. */
    public void close() {
        http1.close();
        h2c.close();
    }

    /**
     * Removes from {@code headers} the hop-by-hop ones and those named by {@code Connection}, keeping
     * {@code TE: trailers} (gRPC needs it) and, for an upgrade, {@code Upgrade} and {@code Connection}. Edits in
     * place: on the hot path this is one pass over the headers with no allocation when there is nothing to remove.
     */
    static void dropHopByHop(MultiMap headers, boolean keepUpgrade) {
        String connection = headers.get(HttpHeaders.CONNECTION);
        boolean namesOthers = connection != null && !keepUpgrade && namesOtherHeaders(connection);
        List<String> drop = null;
        for (Map.Entry<String, String> h : headers) {
            String name = h.getKey();
            boolean remove;
            if (isHopByHop(name)) {
                remove = !((keepUpgrade && (name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("connection")))
                        || (name.equalsIgnoreCase("te") && h.getValue().trim().equalsIgnoreCase("trailers")));
            } else {
                remove = namesOthers && listed(connection, name);
            }
            if (remove) {
                if (drop == null) {
                    drop = new ArrayList<>(4);
                }
                drop.add(name);
            }
        }
        if (drop != null) {
            drop.forEach(headers::remove);
        }
    }

    /** RFC 9110 §7.6.1's connection-scoped headers, matched by length first so most names cost one switch. */
    static boolean isHopByHop(String name) {
        return switch (name.length()) {
            case 2 -> name.equalsIgnoreCase("te");
            case 7 -> name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("trailer");
            case 10 -> name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
            case 14 -> name.equalsIgnoreCase("http2-settings");
            case 16 -> name.equalsIgnoreCase("proxy-connection");
            case 17 -> name.equalsIgnoreCase("transfer-encoding");
            case 18 -> name.equalsIgnoreCase("proxy-authenticate");
            case 19 -> name.equalsIgnoreCase("proxy-authorization");
            default -> false;
        };
    }

    /** Whether a Connection header lists header names beyond its usual options. */
    private static boolean namesOtherHeaders(String connection) {
        for (String token : connection.split(",")) {
            String t = token.trim();
            if (!t.isEmpty()
                    && !t.equalsIgnoreCase("keep-alive")
                    && !t.equalsIgnoreCase("close")
                    && !t.equalsIgnoreCase("upgrade")) {
                return true;
            }
        }
        return false;
    }

    private static boolean listed(String connection, String name) {
        for (String token : connection.split(",")) {
            if (token.trim().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP/1.1 connection upgrade (websocket) request. */
    static boolean isUpgrade(HttpServerRequest req) {
        if (req.version() == HttpVersion.HTTP_2) {
            return false;
        }
        String connection = req.getHeader(HttpHeaders.CONNECTION);
        return req.headers().contains(HttpHeaders.UPGRADE) && connection != null && listed(connection, "upgrade");
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean hasNoBody(int status, HttpMethod method) {
        return method == HttpMethod.HEAD || status == 204 || status == 304 || (status >= 100 && status < 200);
    }

    /** One request's trip through the proxy: timers, upstream request and the state the timeouts look at. */
    private final class Exchange {
        private final HttpServerRequest req;
        private final HttpServerResponse resp;
        private final Timeouts timeouts;
        private final Handler<Outcome> done;
        private final boolean h2;
        private HttpClientRequest upstream;
        /** The upstream's response headers arrived: from here on no 504 can be sent. */
        private boolean responded;

        private boolean finished;
        private long lastWrite;
        private long totalTimer = -1;
        private long startTimer = -1;
        private long idleTimer = -1;

        Exchange(HttpServerRequest req, Timeouts timeouts, Handler<Outcome> done) {
            this.req = req;
            this.resp = req.response();
            this.timeouts = timeouts;
            this.done = done;
            this.h2 = req.version() == HttpVersion.HTTP_2;
        }

        void start(SocketAddress target, Consumer<MultiMap> editHeaders) {
            lastWrite = System.nanoTime();
            armTimers();
            resp.closeHandler(v -> clientGone());
            resp.exceptionHandler(e -> clientGone());
            req.exceptionHandler(e -> clientGone());
            boolean upgrade = isUpgrade(req);
            MultiMap headers = req.headers();
            dropHopByHop(headers, upgrade);
            // The listener answers 100-continue itself; the upstream gets the body without asking again.
            headers.remove(HttpHeaders.EXPECT);
            editHeaders.accept(headers);
            RequestOptions options = new RequestOptions()
                    .setServer(target)
                    .setMethod(req.method())
                    .setURI(req.uri());
            if (h2) {
                // HTTP/2 header names are lower case, and the authority travels as :authority, not Host.
                MultiMap lower = MultiMap.caseInsensitiveMultiMap();
                headers.forEach(e -> lower.add(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
                lower.remove(HttpHeaders.HOST);
                headers = lower;
                if (req.authority() != null) {
                    options.setHost(req.authority().host());
                    options.setPort(req.authority().port() > 0 ? req.authority().port() : 80);
                }
            }
            options.setHeaders(headers);
            (h2 ? h2c : http1).request(options).onComplete(ar -> connected(ar, upgrade));
        }

        private void armTimers() {
            if (timeouts.totalMillis() > 0) {
                totalTimer = vertx.setTimer(timeouts.totalMillis(), id -> {
                    totalTimer = -1;
                    if (!responded) {
                        timedOut();
                    }
                });
            }
            long rs = timeouts.responseStartMillis();
            if (rs > 0 && (timeouts.totalMillis() == 0 || rs < timeouts.totalMillis())) {
                startTimer = vertx.setTimer(rs, id -> {
                    startTimer = -1;
                    if (!responded) {
                        timedOut();
                    }
                });
            }
            if (timeouts.idleMillis() > 0) {
                idleTimer = vertx.setTimer(timeouts.idleMillis(), this::idleCheck);
            }
        }

        /** Idle timer: rather than re-arm on every write, look at the last write and sleep for the remainder. */
        private void idleCheck(long id) {
            long idleNanos = timeouts.idleMillis() * 1_000_000L;
            long quiet = System.nanoTime() - lastWrite;
            if (quiet >= idleNanos) {
                idleTimer = -1;
                timedOut();
            } else {
                idleTimer = vertx.setTimer(Math.max(1, (idleNanos - quiet) / 1_000_000L), this::idleCheck);
            }
        }

        private void connected(AsyncResult<HttpClientRequest> ar, boolean upgrade) {
            if (finished) {
                if (ar.succeeded()) {
                    ar.result().reset();
                }
                return;
            }
            if (ar.failed()) {
                finish(Outcome.UNREACHABLE);
                return;
            }
            upstream = ar.result();
            upstream.exceptionHandler(this::upstreamFailed);
            if (upgrade) {
                upstream.connect().onComplete(this::upgraded);
                req.resume();
                return;
            }
            upstream.response().onComplete(r -> {
                if (r.succeeded()) {
                    respond(r.result());
                } else {
                    upstreamFailed(r.cause());
                }
            });
            sendBody();
        }

        private void sendBody() {
            String contentLength = req.getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean chunked = req.headers().contains(HttpHeaders.TRANSFER_ENCODING);
            if (!h2 && !chunked && (contentLength == null || "0".equals(contentLength))) {
                upstream.end();
                req.resume();
                return;
            }
            if (!h2 && contentLength == null) {
                upstream.setChunked(true);
            }
            req.handler(buf -> {
                upstream.write(buf);
                if (upstream.writeQueueFull()) {
                    req.pause();
                    upstream.drainHandler(v -> req.resume());
                }
            });
            req.endHandler(v -> {
                if (!finished) {
                    upstream.end();
                }
            });
            req.resume();
        }

        private void respond(HttpClientResponse r) {
            if (finished) {
                return;
            }
            responded = true;
            cancel(startTimer);
            resp.setStatusCode(r.statusCode());
            if (r.statusMessage() != null) {
                resp.setStatusMessage(r.statusMessage());
            }
            MultiMap out = resp.headers().addAll(r.headers());
            dropHopByHop(out, false);
            boolean bodyless = hasNoBody(r.statusCode(), req.method());
            String contentLength = bodyless ? null : r.getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean streamed = !bodyless && contentLength == null;
            boolean trailered = r.headers().contains("trailer");
            if (streamed && !h2) {
                resp.setChunked(true);
            }
            if (streamed || trailered) {
                // A stream (server-sent events, gRPC streaming) must show its head before its first message.
                resp.writeHead();
                lastWrite = System.nanoTime();
            }
            // With a known length, the chunk that completes the body goes out with the end of the response: one
            // flush (one write system call) instead of two for the common small response.
            long[] remaining = {contentLength == null || trailered ? -1 : parseLength(contentLength)};
            r.exceptionHandler(this::upstreamFailed);
            r.handler(buf -> {
                lastWrite = System.nanoTime();
                if (remaining[0] > 0 && (remaining[0] -= buf.length()) == 0) {
                    resp.end(buf);
                    return;
                }
                resp.write(buf);
                if (resp.writeQueueFull()) {
                    r.pause();
                    resp.drainHandler(v -> r.resume());
                }
            });
            r.endHandler(v -> {
                if (finished) {
                    return;
                }
                if (!resp.ended()) {
                    MultiMap trailers = r.trailers();
                    if (trailers != null && !trailers.isEmpty()) {
                        resp.trailers().addAll(trailers);
                    }
                    resp.end();
                }
                finish(Outcome.COMPLETED);
            });
        }

        private void upgraded(AsyncResult<HttpClientResponse> ar) {
            if (finished) {
                return;
            }
            if (ar.failed()) {
                upstreamFailed(ar.cause());
                return;
            }
            HttpClientResponse r = ar.result();
            if (r.statusCode() != 101) {
                respond(r);
                return;
            }
            responded = true;
            cancelTimers();
            resp.headers().addAll(r.headers());
            NetSocket upstreamSocket = r.netSocket();
            req.toNetSocket().onComplete(s -> {
                if (s.failed()) {
                    upstreamSocket.close();
                    finish(Outcome.CLIENT_GONE);
                    return;
                }
                tunnel(s.result(), upstreamSocket);
            });
        }

        private void tunnel(NetSocket client, NetSocket server) {
            int[] open = {2};
            Handler<Void> closed = v -> {
                if (--open[0] == 0) {
                    finish(Outcome.COMPLETED);
                }
            };
            client.closeHandler(v -> {
                server.close();
                closed.handle(null);
            });
            server.closeHandler(v -> {
                client.close();
                closed.handle(null);
            });
            client.pipeTo(server);
            server.pipeTo(client);
        }

        private void timedOut() {
            if (!settle()) {
                return;
            }
            if (!responded && !resp.headWritten()) {
                resp.setStatusCode(504).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
                resp.end(timeouts.message());
            } else {
                resp.reset();
            }
            done.handle(Outcome.TIMED_OUT);
        }

        private void upstreamFailed(Throwable cause) {
            if (finished) {
                return;
            }
            if (!resp.headWritten() && !resp.ended()) {
                resp.headers().clear();
                resp.setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8");
                resp.end("error reverse proxying request: " + cause.getMessage());
            } else {
                resp.reset();
            }
            finish(Outcome.UPSTREAM_FAILED);
        }

        private void clientGone() {
            if (settle()) {
                done.handle(Outcome.CLIENT_GONE);
            }
        }

        /**
         * Ends the exchange early: marks it finished first (resetting the upstream fires its handlers, which must
         * then see a finished exchange), stops the timers and resets the upstream. False if it was already over.
         */
        private boolean settle() {
            if (finished) {
                return false;
            }
            finished = true;
            cancelTimers();
            if (upstream != null) {
                upstream.reset();
            }
            return true;
        }

        private void finish(Outcome outcome) {
            finished = true;
            cancelTimers();
            done.handle(outcome);
        }

        private void cancelTimers() {
            cancel(totalTimer);
            cancel(startTimer);
            cancel(idleTimer);
            totalTimer = startTimer = idleTimer = -1;
        }

        private void cancel(long timer) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
        }
    }
}
