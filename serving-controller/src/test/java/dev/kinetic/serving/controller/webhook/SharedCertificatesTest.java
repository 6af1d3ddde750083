package dev.kinetic.serving.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Replicas share one generated webhook certificate through a Secret, so every replica serves the patched CA. */
@WithKineticApi
class SharedCertificatesTest {
    private static final List<String> NAMES = WebhookCertificate.dnsNames("kinetic-webhook", "kinetic-system");

    @Test
    void theFirstReplicaGeneratesAndTheOthersReuse(KubernetesClient client) {
        AtomicInteger generated = new AtomicInteger();
        WebhookCertificate first = SharedCertificates.obtain(client, "kinetic-system", "kinetic-webhook-certs", () -> {
            generated.incrementAndGet();
            return SelfSignedCertificates.generate(NAMES, Instant.now());
        });
        WebhookCertificate second = SharedCertificates.obtain(client, "kinetic-system", "kinetic-webhook-certs", () -> {
            generated.incrementAndGet();
            return SelfSignedCertificates.generate(NAMES, Instant.now());
        });
        assertThat(generated).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(second.caBundle()).isEqualTo(first.caBundle());

        Secret secret = client.secrets()
                .inNamespace("kinetic-system")
                .withName("kinetic-webhook-certs")
                .get();
        assertThat(secret.getType()).isEqualTo("kubernetes.io/tls");
        assertThat(secret.getData()).containsKeys("tls.crt", "tls.key", "ca.crt");
    }

    @Test
    void aLostCreateRaceReadsTheWinnersCertificate(KubernetesClient client) {
        WebhookCertificate winner = SelfSignedCertificates.generate(NAMES, Instant.now());
        // The other replica stores its certificate after we looked and before we create: our create gets 409.
        WebhookCertificate obtained = SharedCertificates.obtain(client, "race", "kinetic-webhook-certs", () -> {
            client.resource(SharedCertificates.toSecret("race", "kinetic-webhook-certs", winner))
                    .create();
            return SelfSignedCertificates.generate(NAMES, Instant.now());
        });
        assertThat(obtained).isEqualTo(winner);
    }
}
