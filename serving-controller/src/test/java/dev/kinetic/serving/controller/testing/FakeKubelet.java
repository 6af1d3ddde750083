package dev.kinetic.serving.controller.testing;

import dev.kinetic.api.Knative;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * What the Deployment controller and the kubelet would report, written by tests into the Kubernetes test server
 * (which runs no controllers): a Deployment becoming available or missing its progress deadline, and Pods whose
 * user container crashed or cannot pull its image.
 */
public final class FakeKubelet {
    private final KubernetesClient client;

    public FakeKubelet(KubernetesClient client) {
        this.client = client;
    }

    /** The Deployment of {@code revision} has its replicas ready. */
    public void markAvailable(String namespace, String revision) {
        setStatus(
                namespace,
                revision,
                new DeploymentStatusBuilder()
                        .withReplicas(1)
                        .withReadyReplicas(1)
                        .withAvailableReplicas(1)
                        .withUpdatedReplicas(1)
                        .withConditions(
                                condition("Available", "True", "MinimumReplicasAvailable"),
                                condition("Progressing", "True", "NewReplicaSetAvailable"))
                        .build());
    }

    /** The Deployment of {@code revision} never reached its initial scale. */
    public void markProgressDeadlineExceeded(String namespace, String revision) {
        setStatus(
                namespace,
                revision,
                new DeploymentStatusBuilder()
                        .withReplicas(1)
                        .withReadyReplicas(0)
                        .withUnavailableReplicas(1)
                        .withConditions(
                                condition("Available", "False", "MinimumReplicasUnavailable"),
                                condition("Progressing", "False", "ProgressDeadlineExceeded"))
                        .build());
    }

    /** A Pod of {@code revision} whose container {@code container} exited with {@code exitCode}. */
    public void crashedPod(String namespace, String revision, String container, int exitCode, String message) {
        Pod pod = pod(namespace, revision);
        pod.getStatus()
                .setContainerStatuses(List.of(new ContainerStatusBuilder()
                        .withName(container)
                        .withNewLastState()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withMessage(message)
                        .withReason("Error")
                        .endTerminated()
                        .endLastState()
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .endWaiting()
                        .endState()
                        .build()));
        write(pod);
    }

    /** A Pod of {@code revision} whose container {@code container} waits with {@code reason}. */
    public void waitingPod(String namespace, String revision, String container, String reason, String message) {
        Pod pod = pod(namespace, revision);
        pod.getStatus()
                .setContainerStatuses(List.of(new ContainerStatusBuilder()
                        .withName(container)
                        .withNewState()
                        .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                        .endWaiting()
                        .endState()
                        .build()));
        write(pod);
    }

    private Pod pod(String namespace, String revision) {
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(revision + "-deployment-7d9f-abcde")
                .addToLabels(Knative.REVISION_LABEL, revision)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("user-container")
                .withImage("example")
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Pending")
                .endStatus()
                .build();
    }

    private void write(Pod pod) {
        Pod created = client.resource(pod).createOr(existing -> existing.update());
        created.setStatus(pod.getStatus());
        client.resource(created).updateStatus();
    }

    private void setStatus(String namespace, String revision, DeploymentStatus status) {
        Deployment d = client.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(revision + "-deployment")
                .get();
        d.setStatus(status);
        client.resource(d).updateStatus();
    }

    private static DeploymentCondition condition(String type, String status, String reason) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(reason)
                .build();
    }
}
