package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIPBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A pod's status as the kubelet reports it, from its containers' statuses: {@code Running} once a container has
 * started ({@code Pending} before), {@code Ready} and {@code ContainersReady} when every container is ready, the pod
 * and host IPs, and the scheduling and initialisation conditions a scheduled pod without init containers has.
 */
final class PodStatuses {
    static final String READY = "Ready";
    static final String CONTAINERS_READY = "ContainersReady";

    private PodStatuses() {}

    /**
     * @param previous the status last written, whose condition times are kept while a condition does not change
     * @param now the time to stamp on conditions that change (RFC 3339, seconds)
     */
    static PodStatus of(
            String podIp,
            String hostIp,
            String startTime,
            List<ContainerStatus> containers,
            PodStatus previous,
            String now) {
        boolean started = containers.stream()
                .anyMatch(c -> c.getState() != null
                        && (c.getState().getRunning() != null || c.getState().getTerminated() != null));
        List<String> unready = containers.stream()
                .filter(c -> !Boolean.TRUE.equals(c.getReady()))
                .map(ContainerStatus::getName)
                .toList();
        boolean ready = unready.isEmpty() && !containers.isEmpty();
        String notReadyMessage = "containers with unready status: [" + String.join(" ", unready) + "]";
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition("PodReadyToStartContainers", true, null, null));
        conditions.add(condition("Initialized", true, null, null));
        conditions.add(condition(READY, ready, "ContainersNotReady", notReadyMessage));
        conditions.add(condition(CONTAINERS_READY, ready, "ContainersNotReady", notReadyMessage));
        conditions.add(condition("PodScheduled", true, null, null));
        conditions.forEach(c -> stamp(c, previous, now));
        return new PodStatusBuilder()
                .withPhase(started ? "Running" : "Pending")
                .withConditions(conditions)
                .withHostIP(hostIp)
                .withHostIPs(new HostIPBuilder().withIp(hostIp).build())
                .withPodIP(podIp)
                .withPodIPs(new PodIPBuilder().withIp(podIp).build())
                .withStartTime(startTime)
                .withQosClass("BestEffort")
                .withContainerStatuses(containers)
                .build();
    }

    /** Whether {@code status} says the pod is ready. */
    static boolean ready(PodStatus status) {
        return status != null
                && status.getConditions() != null
                && status.getConditions().stream()
                        .anyMatch(c -> READY.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static PodCondition condition(String type, boolean value, String reasonIfFalse, String messageIfFalse) {
        return new PodConditionBuilder()
                .withType(type)
                .withStatus(value ? "True" : "False")
                .withReason(value ? null : reasonIfFalse)
                .withMessage(value ? null : messageIfFalse)
                .build();
    }

    private static void stamp(PodCondition c, PodStatus previous, String now) {
        PodCondition before = previous == null || previous.getConditions() == null
                ? null
                : previous.getConditions().stream()
                        .filter(p -> c.getType().equals(p.getType()))
                        .findFirst()
                        .orElse(null);
        boolean same = before != null && Objects.equals(before.getStatus(), c.getStatus());
        c.setLastTransitionTime(same && before.getLastTransitionTime() != null ? before.getLastTransitionTime() : now);
    }
}
