/**
 * Admission for Brokers and Triggers over plain HTTP: {@code POST /admission/brokers} and {@code POST
 * /admission/triggers} answer a Kubernetes {@code AdmissionReview} with Knative's defaults as a JSON Patch, or a
 * denial naming each failing field. Serving TLS (which a real API server requires of webhooks) is left to the
 * deployment: a TLS-terminating proxy, or Quarkus' own HTTPS settings with a certificate from the chart.
 */
package dev.kinetic.eventing.broker.controller.admission;
