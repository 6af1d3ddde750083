package dev.kinetic.serving.controller.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.admission.AdmissionResponses.Reply;
import dev.kinetic.serving.controller.webhook.AdmissionReviews.Mode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The webhook's HTTPS server: {@code POST /defaulting} (mutating) and {@code POST /resource-validation}
 * (validating), Knative's paths. Admission is pure and fast, so requests are answered on the event loop.
 */
public final class WebhookServer {
    public static final String DEFAULTING_PATH = "/defaulting";
    public static final String VALIDATION_PATH = "/resource-validation";

    /** Kubernetes objects are at most ~1.5 MiB in etcd; a review holds two of them. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(WebhookServer.class);

    private final Vertx vertx;
    private final Supplier<ApiConfig> config;
    private HttpServer server;

    /**
     * @param config the configuration snapshot each review is answered with, read once per request
     */
    public WebhookServer(Vertx vertx, Supplier<ApiConfig> config) {
        this.vertx = vertx;
        this.config = config;
    }

    /** Starts serving HTTPS on {@code port} (0 for any free port) with {@code certificate}. */
    public Future<HttpServer> listen(int port, WebhookCertificate certificate) {
        HttpServerOptions options = new HttpServerOptions()
                .setPort(port)
                .setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions()
                        .setCertValue(Buffer.buffer(certificate.certificatePem()))
                        .setKeyValue(Buffer.buffer(certificate.privateKeyPem())));
        return vertx.createHttpServer(options)
                .requestHandler(this::handle)
                .listen()
                .onSuccess(s -> server = s);
    }

    /** The port actually bound, once listening. */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handle(HttpServerRequest request) {
        Mode mode =
                switch (request.path()) {
                    case DEFAULTING_PATH -> Mode.DEFAULTING;
                    case VALIDATION_PATH -> Mode.VALIDATION;
                    default -> null;
                };
        if (mode == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        if (request.method() != HttpMethod.POST) {
            request.response()
                    .setStatusCode(405)
                    .putHeader(HttpHeaders.ALLOW, "POST")
                    .end();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLong(length)) {
            request.response().setStatusCode(413).end();
            return;
        }
        request.body().onSuccess(body -> reply(request, mode, body)).onFailure(e -> {
            LOG.debugf(e, "cannot read an admission request body");
            request.response().setStatusCode(400).end();
        });
    }

    private void reply(HttpServerRequest request, Mode mode, Buffer body) {
        Reply reply = AdmissionReviews.answer(mode, body.getBytes(), config.get());
        Buffer json;
        try {
            json = Buffer.buffer(Manifests.json().writeValueAsBytes(reply.review()));
        } catch (JsonProcessingException e) {
            LOG.error("cannot write an AdmissionReview", e);
            request.response().setStatusCode(500).end();
            return;
        }
        request.response()
                .setStatusCode(reply.httpStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(json);
    }

    private static boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
