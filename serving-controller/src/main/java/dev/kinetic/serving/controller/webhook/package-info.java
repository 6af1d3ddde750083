/**
 * The serving admission webhook: an HTTPS server answering Kubernetes {@code AdmissionReview}s on Knative's paths
 * ({@code /defaulting}, {@code /resource-validation}) with the api module's pure defaulting and validation, its
 * serving certificate (mounted, or generated at start), and the CA bundle it patches into the webhook
 * configurations. Everything but the server and the client call is a pure function.
 */
package dev.kinetic.serving.controller.webhook;
