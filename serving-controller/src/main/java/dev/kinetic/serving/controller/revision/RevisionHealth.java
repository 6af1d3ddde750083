package dev.kinetic.serving.controller.revision;

import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.serving.v1.RevisionStatus;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a Revision is doing, derived from what its Deployment, Pods and PodAutoscaler report (Knative
 * {@code pkg/reconciler/revision/reconcile_resources.go}). Pure: writes only into the given status.
 */
public final class RevisionHealth {
    /** Waiting reasons that are part of a normal start, not a failure. */
    private static final Set<String> STARTING = Set.of("ContainerCreating", "PodInitializing");

    private RevisionHealth() {}

    /**
     * Marks ResourcesAvailable and ContainerHealthy from the Deployment and Pods, Active from the PodAutoscaler, and
     * the replica counts.
     *
     * @param userContainers names of the user's containers (queue-proxy failures are not the user's)
     */
    public static void apply(
            RevisionStatus status,
            Deployment deployment,
            Collection<Pod> pods,
            PodAutoscaler pa,
            Set<String> userContainers) {
        if (deployment == null) {
            status.markDeploying(RevisionStatus.REASON_DEPLOYING);
        } else {
            applyDeployment(status, deployment);
            status.setActualReplicas(
                    deployment.getStatus() == null
                            ? null
                            : orZero(deployment.getStatus().getReadyReplicas()));
            status.setDesiredReplicas(deployment.getSpec().getReplicas());
        }
        applyPods(status, pods, userContainers);
        applyActive(status, pa);
    }

    private static void applyDeployment(RevisionStatus status, Deployment deployment) {
        List<DeploymentCondition> conditions =
                deployment.getStatus() == null || deployment.getStatus().getConditions() == null
                        ? List.of()
                        : deployment.getStatus().getConditions();
        Optional<DeploymentCondition> progressing = find(conditions, "Progressing");
        Optional<DeploymentCondition> failure = find(conditions, "ReplicaFailure");
        Optional<DeploymentCondition> available = find(conditions, "Available");
        if (progressing.isPresent()
                && "False".equals(progressing.get().getStatus())
                && "ProgressDeadlineExceeded".equals(progressing.get().getReason())) {
            status.markProgressDeadlineExceeded("Initial scale was never achieved");
        } else if (failure.isPresent() && "True".equals(failure.get().getStatus())) {
            status.markResourcesAvailableFalse(
                    failure.get().getReason(), failure.get().getMessage());
        } else if (available.isPresent() && "True".equals(available.get().getStatus())) {
            status.markResourcesAvailableTrue();
            status.markContainerHealthyTrue();
        } else {
            status.markDeploying(RevisionStatus.REASON_DEPLOYING);
        }
    }

    /** A user container that exited or cannot start decides the Revision's health, whatever the Deployment says. */
    private static void applyPods(RevisionStatus status, Collection<Pod> pods, Set<String> userContainers) {
        for (Pod pod : pods) {
            List<ContainerStatus> statuses =
                    pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                            ? List.of()
                            : pod.getStatus().getContainerStatuses();
            for (ContainerStatus cs : statuses) {
                if (!userContainers.contains(cs.getName())) {
                    continue;
                }
                ContainerStateTerminated terminated = terminated(cs);
                if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
                    status.markContainerExiting(terminated.getExitCode(), nullToEmpty(terminated.getMessage()));
                    return;
                }
                ContainerStateWaiting waiting =
                        cs.getState() == null ? null : cs.getState().getWaiting();
                if (waiting != null && waiting.getReason() != null && !STARTING.contains(waiting.getReason())) {
                    status.markResourcesAvailableFalse(waiting.getReason(), nullToEmpty(waiting.getMessage()));
                    status.markContainerHealthyFalse(waiting.getReason(), nullToEmpty(waiting.getMessage()));
                    return;
                }
            }
        }
    }

    private static void applyActive(RevisionStatus status, PodAutoscaler pa) {
        Optional<Condition> active = pa == null || pa.getStatus() == null
                ? Optional.empty()
                : pa.getStatus().condition(PodAutoscalerStatus.ACTIVE);
        if (active.isEmpty() || active.get().isUnknown()) {
            status.markActiveUnknown(
                    active.map(Condition::getReason).orElse("Deploying"),
                    active.map(Condition::getMessage).orElse(null));
        } else if (active.get().isTrue()) {
            status.markActiveTrue();
        } else {
            status.markActiveFalse(active.get().getReason(), active.get().getMessage());
        }
    }

    /** The current termination, or the last one while the container is restarting (CrashLoopBackOff). */
    private static ContainerStateTerminated terminated(ContainerStatus cs) {
        if (cs.getState() != null && cs.getState().getTerminated() != null) {
            return cs.getState().getTerminated();
        }
        return cs.getLastState() == null ? null : cs.getLastState().getTerminated();
    }

    private static Optional<DeploymentCondition> find(List<DeploymentCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
