package dev.kinetic.serving.controller.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Manifests;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTPS client of the webhook as the API server is one: it trusts only the CA from the webhook configuration and
 * checks the certificate against the Service's name, while the socket goes to the local test port.
 */
final class WebhookClient implements AutoCloseable {
    static final String HOST = "kinetic-webhook.kinetic-system.svc";

    /** One answer, with the certificate chain the server presented. */
    record Response(int status, String body, List<Certificate> peerCertificates) {
        JsonNode json() {
            try {
                return Manifests.json().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode review() {
            return json().path("response");
        }
    }

    private final HttpClient client;
    private final int port;
    private final String host;

    WebhookClient(Vertx vertx, int port, String caPem, String host) {
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(true)
                .setVerifyHost(true)
                .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(caPem))));
        this.port = port;
        this.host = host;
    }

    WebhookClient(Vertx vertx, int port, String caPem) {
        this(vertx, port, caPem, HOST);
    }

    Response post(String path, String body) {
        return send(HttpMethod.POST, path, body);
    }

    Response send(HttpMethod method, String path, String body) {
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
                .setHost(host)
                .setPort(port)
                .setURI(path)
                .putHeader("content-type", "application/json");
        try {
            // The body is read in the same callback as the response arrives, or it may be gone already.
            return client.request(options)
                    .compose(request -> request.send(body == null ? Buffer.buffer() : Buffer.buffer(body))
                            .compose(response -> response.body().map(b -> {
                                try {
                                    return new Response(
                                            response.statusCode(),
                                            b.toString(),
                                            response.request().connection().peerCertificates());
                                } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                                    throw new IllegalStateException(e);
                                }
                            })))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("request to " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
