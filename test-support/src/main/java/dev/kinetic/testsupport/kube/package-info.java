/**
 * The Kubernetes API for tests, without a cluster: the fabric8 mock server in CRUD mode with Kinetic's CRDs applied.
 *
 * <p>{@link dev.kinetic.testsupport.kube.KineticCrds} reads the CRDs that {@code kinetic-deploy} ships under {@code
 * kinetic/crds/} and applies them to any API server; {@link dev.kinetic.testsupport.kube.ApplyKineticCrds} does so
 * for Quarkus' {@code @WithKubernetesTestServer(crud = true)}, and {@link
 * dev.kinetic.testsupport.kube.WithKineticApi} gives plain JUnit test classes a server of their own. {@link
 * dev.kinetic.testsupport.kube.KubernetesServerExtension} documents, as checked by tests, how far this server
 * behaves like a real API server.
 */
package dev.kinetic.testsupport.kube;
