package dev.kinetic.serving.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** The CA bundle patch: the pure function, then the client call against the Kubernetes test server. */
@WithKineticApi
class CaBundlesTest {

    static MutatingWebhookConfiguration mutating(String name) {
        return new MutatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(java.util.Map.of("app.kubernetes.io/name", "kinetic"))
                .endMetadata()
                .addNewWebhook()
                .withName("webhook.serving.kinetic.dev")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withNewClientConfig()
                .withNewService()
                .withName("kinetic-webhook")
                .withNamespace("kinetic-system")
                .withPath("/defaulting")
                .endService()
                .withCaBundle("b2xk")
                .endClientConfig()
                .endWebhook()
                .addNewWebhook()
                .withName("second.webhook.serving.kinetic.dev")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .endWebhook()
                .build();
    }

    static ValidatingWebhookConfiguration validating(String name) {
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addNewWebhook()
                .withName("validation.webhook.serving.kinetic.dev")
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .withNewClientConfig()
                .withNewService()
                .withName("kinetic-webhook")
                .withNamespace("kinetic-system")
                .withPath("/resource-validation")
                .endService()
                .endClientConfig()
                .endWebhook()
                .build();
    }

    @Test
    void everyWebhookGetsTheBundleAndTheRestIsKept() {
        MutatingWebhookConfiguration original = mutating("m");
        MutatingWebhookConfiguration patched = CaBundles.withCaBundle(original, "bmV3");

        assertThat(patched.getWebhooks())
                .extracting(w -> w.getClientConfig().getCaBundle())
                .containsExactly("bmV3", "bmV3");
        assertThat(patched.getWebhooks().get(0).getClientConfig().getService().getPath())
                .isEqualTo("/defaulting");
        assertThat(patched.getMetadata()).isEqualTo(original.getMetadata());
        assertThat(original).isEqualTo(mutating("m"));

        ValidatingWebhookConfiguration validating = validating("v");
        assertThat(CaBundles.withCaBundle(validating, "bmV3").getWebhooks())
                .extracting(w -> w.getClientConfig().getCaBundle())
                .containsExactly("bmV3");
        assertThat(validating).isEqualTo(validating("v"));
    }

    @Test
    void patchesBothConfigurationsOnTheServer(KubernetesClient client) {
        client.resource(mutating("webhook.serving.kinetic.dev")).create();
        client.resource(validating("validation.webhook.serving.kinetic.dev")).create();

        int patched = new CaBundlePatcher(client)
                .patch("webhook.serving.kinetic.dev", "validation.webhook.serving.kinetic.dev", "Y2E=");

        assertThat(patched).isEqualTo(2);
        assertThat(client.admissionRegistration()
                        .v1()
                        .mutatingWebhookConfigurations()
                        .withName("webhook.serving.kinetic.dev")
                        .get()
                        .getWebhooks())
                .extracting(w -> w.getClientConfig().getCaBundle())
                .containsExactly("Y2E=", "Y2E=");
        assertThat(client.admissionRegistration()
                        .v1()
                        .validatingWebhookConfigurations()
                        .withName("validation.webhook.serving.kinetic.dev")
                        .get()
                        .getWebhooks())
                .extracting(w -> w.getClientConfig().getCaBundle())
                .containsExactly("Y2E=");

        // Patching again with the same bundle changes nothing; a new bundle replaces the old.
        assertThat(new CaBundlePatcher(client)
                        .patch("webhook.serving.kinetic.dev", "validation.webhook.serving.kinetic.dev", "Y2E="))
                .isEqualTo(2);
        new CaBundlePatcher(client)
                .patch("webhook.serving.kinetic.dev", "validation.webhook.serving.kinetic.dev", "bmV3");
        assertThat(client.admissionRegistration()
                        .v1()
                        .validatingWebhookConfigurations()
                        .withName("validation.webhook.serving.kinetic.dev")
                        .get()
                        .getWebhooks()
                        .get(0)
                        .getClientConfig()
                        .getCaBundle())
                .isEqualTo("bmV3");
    }

    @Test
    void missingConfigurationsAreSkippedNotFatal(KubernetesClient client) {
        client.resource(mutating("only-mutating")).create();

        assertThat(new CaBundlePatcher(client).patch("only-mutating", "absent", "Y2E="))
                .isEqualTo(1);
        assertThat(new CaBundlePatcher(client).patch("absent-too", "absent", "Y2E="))
                .isZero();
    }
}
