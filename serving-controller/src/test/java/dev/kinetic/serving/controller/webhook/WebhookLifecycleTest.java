package dev.kinetic.serving.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.serving.controller.testing.ControllerTestServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The webhook as the controller starts it: a generated certificate (nothing is mounted in tests), HTTPS on the
 * configured port, and the CA patched into the webhook configurations the chart would have installed.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = WebhookLifecycleTest.Setup.class)
class WebhookLifecycleTest {

    /** Kinetic's CRDs plus the two webhook configurations, present before the controller starts. */
    public static class Setup extends ControllerTestServer {
        @Override
        public void accept(KubernetesServer server) {
            super.accept(server);
            server.getClient()
                    .resource(CaBundlesTest.mutating("webhook.serving.kinetic.dev"))
                    .create();
            server.getClient()
                    .resource(CaBundlesTest.validating("validation.webhook.serving.kinetic.dev"))
                    .create();
        }
    }

    @Inject
    WebhookLifecycle webhook;

    @Inject
    KubernetesClient client;

    @Inject
    Vertx vertx;

    @Test
    void startsWithAGeneratedCertificateAndPatchesItsCa() throws Exception {
        assertThat(webhook.caPatched().get(30, TimeUnit.SECONDS)).isEqualTo(2);
        String bundle = webhook.certificate().caBundle();
        assertThat(client.admissionRegistration()
                        .v1()
                        .mutatingWebhookConfigurations()
                        .withName("webhook.serving.kinetic.dev")
                        .get()
                        .getWebhooks())
                .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(bundle));
        assertThat(client.admissionRegistration()
                        .v1()
                        .validatingWebhookConfigurations()
                        .withName("validation.webhook.serving.kinetic.dev")
                        .get()
                        .getWebhooks())
                .allSatisfy(w -> assertThat(w.getClientConfig().getCaBundle()).isEqualTo(bundle));
    }

    @Test
    void servesReviewsOverHttpsWithTheControllersConfig() {
        try (WebhookClient https =
                new WebhookClient(vertx, webhook.port(), webhook.certificate().caPem())) {
            WebhookClient.Response response = https.post(
                    WebhookServer.VALIDATION_PATH,
                    Reviews.create(Reviews.yaml(WebhookServerTest.HELLO.replace("example/hello:1", "")), "alice"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.review().path("allowed").asBoolean()).isFalse();
            assertThat(response.review().path("status").path("details").path("causes"))
                    .anySatisfy(c ->
                            assertThat(c.path("field").asText()).isEqualTo("spec.template.spec.containers[0].image"));
        }
    }
}
