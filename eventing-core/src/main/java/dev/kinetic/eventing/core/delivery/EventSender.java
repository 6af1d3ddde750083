package dev.kinetic.eventing.core.delivery;

import dev.kinetic.eventing.core.contract.EgressConfig;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Makes one delivery attempt: POSTs a CloudEvent over HTTP, non-blocking.
 *
 * <p>The event goes in binary mode, or structured JSON when the delivery's {@code format} is {@code json}; the request
 * carries {@code Prefer: reply} (Knative's data plane always asks for a reply) and the caller's extra headers. The
 * attempt ends after {@link EgressConfig#effectiveTimeoutMs()} at the latest: the request's idle timeout resets the
 * connection when nothing comes back, and a timer bounds a response that trickles in.
 *
 * <p>The returned future never fails: a network error or a timeout is an {@link Attempt} without a response.
 */
public final class EventSender {
    /** The request header asking the subscriber for a reply event. */
    public static final String PREFER = "Prefer";

    private static final EventFormat JSON = new JsonFormat();

    private final Vertx vertx;
    private final WebClient client;

    /** A sender over an existing client (the caller closes it). */
    public EventSender(Vertx vertx, WebClient client) {
        this.vertx = vertx;
        this.client = client;
    }

    /** A sender with its own client (see {@link #close()}). */
    public EventSender(Vertx vertx, WebClientOptions options) {
        this(vertx, WebClient.create(vertx, options));
    }

    /**
     * One attempt.
     *
     * @param event the event
     * @param url the absolute destination URL
     * @param config the delivery settings (timeout, format)
     * @param extraHeaders headers to add (e.g. {@code Kn-Namespace}), may be empty
     */
    public Future<Attempt> post(CloudEvent event, String url, EgressConfig config, Map<String, String> extraHeaders) {
        long timeoutMs = config.effectiveTimeoutMs();
        Promise<Attempt> attempt = Promise.promise();
        Future<HttpResponse<Buffer>> sent;
        try {
            HttpRequest<Buffer> request = client.postAbs(url).timeout(timeoutMs).putHeader(PREFER, "reply");
            if (extraHeaders != null) {
                extraHeaders.forEach(request::putHeader);
            }
            sent = "json".equalsIgnoreCase(config.format())
                    ? VertxMessageFactory.createWriter(request).writeStructured(event, JSON)
                    : VertxMessageFactory.createWriter(request).writeBinary(event);
        } catch (RuntimeException e) {
            return Future.succeededFuture(Attempt.noResponse(e));
        }
        long timer = vertx.setTimer(
                timeoutMs,
                id -> attempt.tryComplete(Attempt.noResponse(
                        new TimeoutException("no complete response from " + url + " within " + timeoutMs + " ms"))));
        sent.onComplete(ar -> {
            vertx.cancelTimer(timer);
            attempt.tryComplete(ar.succeeded() ? Attempt.of(ar.result()) : Attempt.noResponse(ar.cause()));
        });
        return attempt.future();
    }

    /** Closes the client. */
    public void close() {
        client.close();
    }
}
