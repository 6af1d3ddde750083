package dev.kinetic.serving.controller.webhook;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One generated webhook certificate for every replica, kept in a Secret as Knative keeps its {@code webhook-certs}:
 * the first replica to start generates it and creates the Secret; the others, and later restarts, read it back. A
 * race between two first starts is settled by the API server: the loser's create gets 409 and it reads the winner's
 * Secret. Without this, each replica would patch its own CA into the webhook configurations and calls reaching the
 * other replicas would fail TLS verification.
 */
public final class SharedCertificates {
    private static final Logger LOG = Logger.getLogger(SharedCertificates.class);

    private SharedCertificates() {}

    /**
     * The certificate stored in Secret {@code name}, or a new one from {@code generate} stored there.
     *
     * @param generate makes a new certificate when none is stored yet
     */
    public static WebhookCertificate obtain(
            KubernetesClient client, String namespace, String name, Supplier<WebhookCertificate> generate) {
        Optional<WebhookCertificate> stored = read(client, namespace, name);
        if (stored.isPresent()) {
            LOG.infof("webhook serving with the certificate shared in Secret %s/%s", namespace, name);
            return stored.get();
        }
        WebhookCertificate generated = generate.get();
        try {
            client.resource(toSecret(namespace, name, generated)).create();
            LOG.infof("generated the webhook certificate and shared it in Secret %s/%s", namespace, name);
            return generated;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return read(client, namespace, name).orElse(generated);
            }
            // Cannot share it (no permission, no namespace): a single replica still works with its own.
            LOG.warnf(
                    e, "cannot share the webhook certificate in Secret %s/%s; using an unshared one", namespace, name);
            return generated;
        }
    }

    static Optional<WebhookCertificate> read(KubernetesClient client, String namespace, String name) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            LOG.warnf(e, "cannot read Secret %s/%s", namespace, name);
            return Optional.empty();
        }
        if (secret == null || secret.getData() == null) {
            return Optional.empty();
        }
        Map<String, String> data = secret.getData();
        if (!data.containsKey(WebhookCertificate.CERTIFICATE_FILE) || !data.containsKey(WebhookCertificate.KEY_FILE)) {
            return Optional.empty();
        }
        String cert = decode(data.get(WebhookCertificate.CERTIFICATE_FILE));
        String ca = data.containsKey(WebhookCertificate.CA_FILE) ? decode(data.get(WebhookCertificate.CA_FILE)) : cert;
        return Optional.of(new WebhookCertificate(cert, decode(data.get(WebhookCertificate.KEY_FILE)), ca));
    }

    static Secret toSecret(String namespace, String name, WebhookCertificate certificate) {
        return new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/component", "webhook")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .addToData(WebhookCertificate.CERTIFICATE_FILE, encode(certificate.certificatePem()))
                .addToData(WebhookCertificate.KEY_FILE, encode(certificate.privateKeyPem()))
                .addToData(WebhookCertificate.CA_FILE, encode(certificate.caPem()))
                .build();
    }

    private static String encode(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
