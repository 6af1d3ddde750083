/**
 * A fake kubelet for end-to-end tests without a cluster: {@link dev.kinetic.testsupport.kubelet.FakeKubelet} watches
 * Deployments on the Kubernetes test server and does what the kubelet and the ReplicaSet, Deployment and EndpointSlice
 * controllers would, running each pod's containers for real on a loopback IP of its own.
 *
 * <p>Containers run through a {@link dev.kinetic.testsupport.kubelet.ContainerRuntime} chosen by image ({@link
 * dev.kinetic.testsupport.kubelet.ContainerRuntimes}): {@link dev.kinetic.testsupport.kubelet.JavaProcessRuntime}
 * starts a JVM process (the queue-proxy's jar, a main class), {@link dev.kinetic.testsupport.kubelet.SampleAppRuntime}
 * an in-process {@link dev.kinetic.testsupport.app.SampleApp}. The builders of what it writes (pod status, Deployment
 * status, EndpointSlices) are pure and tested apart.
 */
package dev.kinetic.testsupport.kubelet;
