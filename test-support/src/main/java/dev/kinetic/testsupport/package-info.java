/**
 * Test infrastructure shared by every Kinetic module, which depend on this jar in test scope: a real in-process Kafka
 * broker ({@code kafka}), the Kubernetes test server with Kinetic's CRDs applied ({@code kube}), builders of Kinetic
 * objects ({@code fixtures}), a sample user container ({@code app}), a fake kubelet that runs Deployments as pods on
 * loopback IPs of their own ({@code kubelet}) and a test gateway that follows HTTPRoutes ({@code gateway}).
 */
package dev.kinetic.testsupport;
