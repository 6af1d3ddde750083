package dev.kinetic.serving.controller.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The webhook's serving certificate, all in PEM: the certificate chain, its private key and the CA the API server
 * must trust to call the webhook.
 *
 * @param certificatePem the serving certificate ({@code tls.crt})
 * @param privateKeyPem its private key, PKCS#8 or PKCS#1 ({@code tls.key})
 * @param caPem the CA certificate(s) put into the webhook configurations' {@code caBundle}
 */
public record WebhookCertificate(String certificatePem, String privateKeyPem, String caPem) {

    public static final String CERTIFICATE_FILE = "tls.crt";
    public static final String KEY_FILE = "tls.key";
    public static final String CA_FILE = "ca.crt";

    /**
     * The certificate mounted in {@code dir} (cert-manager's and a TLS Secret's layout), if both {@code tls.crt} and
     * {@code tls.key} are there. Without {@code ca.crt} the serving certificate is its own trust anchor.
     */
    public static Optional<WebhookCertificate> fromDirectory(Path dir) {
        Path cert = dir.resolve(CERTIFICATE_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (!Files.isReadable(cert) || !Files.isReadable(key)) {
            return Optional.empty();
        }
        Path ca = dir.resolve(CA_FILE);
        String certificate = read(cert);
        String caPem = Files.isReadable(ca) ? read(ca) : "";
        return Optional.of(new WebhookCertificate(certificate, read(key), caPem.isBlank() ? certificate : caPem));
    }

    /** The names a webhook Service is called by from inside the cluster; the first is the one the API server uses. */
    public static List<String> dnsNames(String service, String namespace) {
        return List.of(
                service + "." + namespace + ".svc",
                service + "." + namespace + ".svc.cluster.local",
                service + "." + namespace,
                service);
    }

    /** The CA as a webhook configuration's {@code caBundle} carries it: base64 of the PEM. */
    public String caBundle() {
        return Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
