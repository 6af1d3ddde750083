/**
 * Test infrastructure shared by every Kinetic module, which depend on this jar in test scope: a real in-process Kafka
 * broker ({@code kafka}), the Kubernetes test server with Kinetic's CRDs applied ({@code kube}), and builders of
 * Kinetic objects ({@code fixtures}).
 */
package dev.kinetic.testsupport;
