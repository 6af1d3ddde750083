package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.List;
import java.util.Objects;

/**
 * A Deployment's status as the Deployment controller computes it from its pods (Kubernetes
 * {@code pkg/controller/deployment/sync.go}, {@code progress.go}), with the pods' ReplicaSet folded in: every pod
 * counts, a pod is available as soon as it is ready ({@code minReadySeconds} is not modelled), and "updated" means
 * made from the current template. Terminating pods are not counted, as the ReplicaSet controller does not count them.
 */
final class DeploymentStatuses {
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
    static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
    static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
    static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
    static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";
    static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    private DeploymentStatuses() {}

    /** The replicas the Deployment asks for; Kubernetes defaults a missing count to 1. */
    static int desired(Deployment d) {
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return replicas == null ? 1 : Math.max(0, replicas);
    }

    static int progressDeadlineSeconds(Deployment d) {
        Integer s = d.getSpec() == null ? null : d.getSpec().getProgressDeadlineSeconds();
        return s == null || s <= 0 ? DEFAULT_PROGRESS_DEADLINE_SECONDS : s;
    }

    /**
     * Whether the rollout is complete: as many pods as asked for, all from the current template and available, and
     * no other pod left.
     */
    static boolean complete(Deployment d, List<PodView> pods, String templateHash) {
        int desired = desired(d);
        List<PodView> active = active(pods);
        long updatedReady = active.stream()
                .filter(p -> templateHash.equals(p.templateHash()) && p.ready())
                .count();
        return active.size() == desired && updatedReady == desired;
    }

    /**
     * The status to write.
     *
     * @param pods the Deployment's pods, terminating ones included
     * @param templateHash the current template's hash
     * @param deadlineExceeded whether the rollout has made no progress for {@code progressDeadlineSeconds}
     * @param now the time to stamp on conditions that change (RFC 3339, seconds)
     */
    static DeploymentStatus compute(
            Deployment d, List<PodView> pods, String templateHash, boolean deadlineExceeded, String now) {
        int desired = desired(d);
        List<PodView> active = active(pods);
        int updated = (int) active.stream()
                .filter(p -> templateHash.equals(p.templateHash()))
                .count();
        int ready = (int) active.stream().filter(PodView::ready).count();
        boolean minimumAvailable = ready >= desired - maxUnavailable(d, desired);
        String replicaSet = d.getMetadata().getName() + "-" + templateHash;
        DeploymentStatus previous = d.getStatus();

        DeploymentCondition available = minimumAvailable
                ? condition(AVAILABLE, "True", MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.")
                : condition(
                        AVAILABLE,
                        "False",
                        MINIMUM_REPLICAS_UNAVAILABLE,
                        "Deployment does not have minimum availability.");
        DeploymentCondition progressing;
        if (complete(d, pods, templateHash)) {
            progressing = condition(
                    PROGRESSING,
                    "True",
                    NEW_REPLICA_SET_AVAILABLE,
                    "ReplicaSet \"" + replicaSet + "\" has successfully progressed.");
        } else if (deadlineExceeded) {
            progressing = condition(
                    PROGRESSING,
                    "False",
                    PROGRESS_DEADLINE_EXCEEDED,
                    "ReplicaSet \"" + replicaSet + "\" has timed out progressing.");
        } else {
            progressing = condition(
                    PROGRESSING, "True", REPLICA_SET_UPDATED, "ReplicaSet \"" + replicaSet + "\" is progressing.");
        }
        return new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(active.size())
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready))
                .withConditions(stamped(available, previous, now), stamped(progressing, previous, now))
                .build();
    }

    /**
     * {@code maxUnavailable} of a rolling update: a number, or a percentage of {@code desired} rounded down; 25% when
     * unset; 0 for other strategies, as Kubernetes' {@code MaxUnavailable}.
     */
    static int maxUnavailable(Deployment d, int desired) {
        var strategy = d.getSpec() == null ? null : d.getSpec().getStrategy();
        if (strategy != null && strategy.getType() != null && !"RollingUpdate".equals(strategy.getType())) {
            return 0;
        }
        IntOrString value = strategy == null || strategy.getRollingUpdate() == null
                ? null
                : strategy.getRollingUpdate().getMaxUnavailable();
        int result;
        if (value == null || (value.getIntVal() == null && value.getStrVal() == null)) {
            result = desired / 4;
        } else if (value.getIntVal() != null) {
            result = value.getIntVal();
        } else {
            String text = value.getStrVal().trim();
            int percent = Integer.parseInt(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
            result = desired * percent / 100;
        }
        return Math.max(0, Math.min(result, desired));
    }

    private static List<PodView> active(List<PodView> pods) {
        return pods.stream().filter(p -> !p.terminating()).toList();
    }

    private static DeploymentCondition condition(String type, String status, String reason, String message) {
        return new DeploymentConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .build();
    }

    /**
     * Times as Kubernetes keeps them: {@code lastTransitionTime} moves when the status does, {@code lastUpdateTime}
     * when anything of the condition does; otherwise both stay as they were.
     */
    private static DeploymentCondition stamped(DeploymentCondition c, DeploymentStatus previous, String now) {
        DeploymentCondition before = previous == null || previous.getConditions() == null
                ? null
                : previous.getConditions().stream()
                        .filter(p -> c.getType().equals(p.getType()))
                        .findFirst()
                        .orElse(null);
        boolean sameStatus = before != null && Objects.equals(before.getStatus(), c.getStatus());
        boolean same = sameStatus
                && Objects.equals(before.getReason(), c.getReason())
                && Objects.equals(before.getMessage(), c.getMessage());
        c.setLastTransitionTime(
                sameStatus && before.getLastTransitionTime() != null ? before.getLastTransitionTime() : now);
        c.setLastUpdateTime(same && before.getLastUpdateTime() != null ? before.getLastUpdateTime() : now);
        return c;
    }
}
