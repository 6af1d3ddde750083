package dev.kinetic.serving.controller.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Process settings of the admission webhook ({@code kinetic.webhook.*}). */
@ConfigMapping(prefix = "kinetic.webhook")
public interface WebhookConfig {

    /** Whether the controller serves the admission webhook at all. */
    @WithDefault("true")
    boolean enabled();

    /** HTTPS port of the webhook server; 0 picks a free port. */
    @WithDefault("8443")
    int port();

    /**
     * Folder of a mounted serving certificate ({@code tls.crt}, {@code tls.key}, optional {@code ca.crt}: the
     * cert-manager and Secret layout); when it holds none, a certificate is generated at start.
     */
    @WithDefault("/etc/webhook/certs")
    String certDir();

    /** Name of the Kubernetes Service in front of the webhook, the first label of the certificate's names. */
    @WithDefault("kinetic-webhook")
    String serviceName();

    /** Namespace of that Service. */
    @WithDefault("kinetic-system")
    String namespace();

    /** The MutatingWebhookConfiguration whose webhooks get the CA bundle (shipped by the chart, never created). */
    @WithDefault("webhook.serving.kinetic.dev")
    String mutatingConfigName();

    /** The ValidatingWebhookConfiguration whose webhooks get the CA bundle. */
    @WithDefault("validation.webhook.serving.kinetic.dev")
    String validatingConfigName();
}
