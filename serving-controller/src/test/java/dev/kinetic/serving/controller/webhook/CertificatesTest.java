package dev.kinetic.serving.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated CA and serving certificate, and reading a mounted one. */
class CertificatesTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void generatesACaAndAServingCertificateForTheServiceNames() throws Exception {
        List<String> names = WebhookCertificate.dnsNames("kinetic-webhook", "kinetic-system");
        WebhookCertificate generated = SelfSignedCertificates.generate(names, NOW);

        X509Certificate ca = x509(generated.caPem());
        X509Certificate serving = x509(generated.certificatePem());
        ca.verify(ca.getPublicKey());
        serving.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(serving.getBasicConstraints()).isEqualTo(-1);
        assertThat(serving.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(serving.getSubjectAlternativeNames())
                .extracting(n -> (Object) n.get(1))
                .containsExactly(
                        "kinetic-webhook.kinetic-system.svc",
                        "kinetic-webhook.kinetic-system.svc.cluster.local",
                        "kinetic-webhook.kinetic-system",
                        "kinetic-webhook");
        serving.checkValidity(Date.from(NOW));
        serving.checkValidity(
                Date.from(NOW.plus(SelfSignedCertificates.VALIDITY).minusSeconds(60)));
        assertThat(generated.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(new String(Base64.getDecoder().decode(generated.caBundle()), StandardCharsets.US_ASCII))
                .isEqualTo(generated.caPem());
    }

    @Test
    void eachGenerationIsANewCa() throws Exception {
        List<String> names = List.of("a.b.svc");
        assertThat(x509(SelfSignedCertificates.generate(names, NOW).caPem()))
                .isNotEqualTo(x509(SelfSignedCertificates.generate(names, NOW).caPem()));
    }

    @Test
    void readsAMountedCertificateWithItsCa(@TempDir Path dir) throws Exception {
        WebhookCertificate generated = SelfSignedCertificates.generate(List.of("a.b.svc"), NOW);
        assertThat(WebhookCertificate.fromDirectory(dir)).isEmpty();

        Files.writeString(dir.resolve("tls.crt"), generated.certificatePem());
        assertThat(WebhookCertificate.fromDirectory(dir)).isEmpty();

        Files.writeString(dir.resolve("tls.key"), generated.privateKeyPem());
        assertThat(WebhookCertificate.fromDirectory(dir))
                .contains(new WebhookCertificate(
                        generated.certificatePem(), generated.privateKeyPem(), generated.certificatePem()));

        Files.writeString(dir.resolve("ca.crt"), generated.caPem());
        assertThat(WebhookCertificate.fromDirectory(dir)).contains(generated);
    }
}
