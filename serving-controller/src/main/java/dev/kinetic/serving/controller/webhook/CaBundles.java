package dev.kinetic.serving.controller.webhook;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Puts the webhook's CA into the {@code caBundle} of every webhook of a webhook configuration, so the API server
 * trusts the certificate the controller serves with. Pure: returns a patched copy, never touches the argument.
 */
public final class CaBundles {
    private CaBundles() {}

    /** A copy of {@code config} whose every webhook trusts {@code caBundle} (base64 of the PEM). */
    public static MutatingWebhookConfiguration withCaBundle(MutatingWebhookConfiguration config, String caBundle) {
        MutatingWebhookConfiguration copy = new MutatingWebhookConfigurationBuilder(config).build();
        setAll(copy.getWebhooks(), MutatingWebhook::getClientConfig, MutatingWebhook::setClientConfig, caBundle);
        return copy;
    }

    /** A copy of {@code config} whose every webhook trusts {@code caBundle} (base64 of the PEM). */
    public static ValidatingWebhookConfiguration withCaBundle(ValidatingWebhookConfiguration config, String caBundle) {
        ValidatingWebhookConfiguration copy = new ValidatingWebhookConfigurationBuilder(config).build();
        setAll(copy.getWebhooks(), ValidatingWebhook::getClientConfig, ValidatingWebhook::setClientConfig, caBundle);
        return copy;
    }

    private static <W> void setAll(
            List<W> webhooks,
            Function<W, WebhookClientConfig> get,
            BiConsumer<W, WebhookClientConfig> set,
            String caBundle) {
        if (webhooks == null) {
            return;
        }
        for (W webhook : webhooks) {
            WebhookClientConfig client = get.apply(webhook);
            WebhookClientConfig patched =
                    client == null ? new WebhookClientConfig() : new WebhookClientConfigBuilder(client).build();
            patched.setCaBundle(caBundle);
            set.accept(webhook, patched);
        }
    }
}
