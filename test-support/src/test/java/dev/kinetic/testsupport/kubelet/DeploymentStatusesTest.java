package dev.kinetic.testsupport.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentStatusesTest {
    private static final String HASH = "new";
    private static final String NOW = "2026-11-21T10:00:00Z";

    /** A pod: {@code r} ready, {@code s} starting, {@code t} terminating, {@code o} ready from the old template. */
    private static List<PodView> pods(String kinds) {
        List<PodView> pods = new ArrayList<>();
        for (char c : kinds.toCharArray()) {
            String name = "p" + pods.size();
            pods.add(new PodView(
                    "ns", name, name, "127.0.1.1", Map.of(), null, c == 'o' ? "old" : HASH, c != 's', c == 't'));
        }
        return pods;
    }

    private static Deployment deployment(int replicas, IntOrString maxUnavailable) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("d")
                .withGeneration(3L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(maxUnavailable)
                .endRollingUpdate()
                .endStrategy()
                .endSpec()
                .build();
    }

    static Stream<Arguments> rows() {
        IntOrString zero = new IntOrString(0);
        return Stream.of(
                // name, replicas, maxUnavailable, pods, deadline passed,
                // replicas, updated, ready, unavailable, Available, Progressing reason
                Arguments.of("all ready", 2, zero, "rr", false, 2, 2, 2, 0, "True", "NewReplicaSetAvailable"),
                Arguments.of("one starting", 2, zero, "rs", false, 2, 2, 1, 1, "False", "ReplicaSetUpdated"),
                Arguments.of("nothing yet", 1, zero, "", false, 0, 0, 0, 1, "False", "ReplicaSetUpdated"),
                Arguments.of("deadline passed", 1, zero, "s", true, 1, 1, 0, 1, "False", "ProgressDeadlineExceeded"),
                Arguments.of(
                        "complete wins over the deadline",
                        1,
                        zero,
                        "r",
                        true,
                        1,
                        1,
                        1,
                        0,
                        "True",
                        "NewReplicaSetAvailable"),
                Arguments.of("scaled to zero", 0, zero, "", false, 0, 0, 0, 0, "True", "NewReplicaSetAvailable"),
                Arguments.of(
                        "terminating pods do not count",
                        1,
                        zero,
                        "rt",
                        false,
                        1,
                        1,
                        1,
                        0,
                        "True",
                        "NewReplicaSetAvailable"),
                Arguments.of("rolling out", 1, zero, "os", false, 2, 1, 1, 0, "True", "ReplicaSetUpdated"),
                Arguments.of(
                        "maxUnavailable 1 of 4",
                        4,
                        new IntOrString(1),
                        "rrrs",
                        false,
                        4,
                        4,
                        3,
                        1,
                        "True",
                        "ReplicaSetUpdated"),
                Arguments.of(
                        "maxUnavailable 25% of 4 is 1",
                        4, null, "rrss", false, 4, 4, 2, 2, "False", "ReplicaSetUpdated"),
                Arguments.of(
                        "maxUnavailable 50% of 4 is 2",
                        4, new IntOrString("50%"), "rrss", false, 4, 4, 2, 2, "True", "ReplicaSetUpdated"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void countsAndConditions(
            String name,
            int replicas,
            IntOrString maxUnavailable,
            String pods,
            boolean deadlinePassed,
            int statusReplicas,
            int updated,
            int ready,
            int unavailable,
            String available,
            String progressingReason) {
        DeploymentStatus s =
                DeploymentStatuses.compute(deployment(replicas, maxUnavailable), pods(pods), HASH, deadlinePassed, NOW);
        assertThat(s.getObservedGeneration()).isEqualTo(3);
        assertThat(s.getReplicas()).isEqualTo(statusReplicas);
        assertThat(s.getUpdatedReplicas()).isEqualTo(updated);
        assertThat(s.getReadyReplicas()).isEqualTo(ready);
        assertThat(s.getAvailableReplicas()).isEqualTo(ready);
        assertThat(s.getUnavailableReplicas()).isEqualTo(unavailable);
        assertThat(s.getConditions())
                .extracting(DeploymentCondition::getType)
                .containsExactly("Available", "Progressing");
        assertThat(s.getConditions().get(0).getStatus()).isEqualTo(available);
        assertThat(s.getConditions().get(1).getReason()).isEqualTo(progressingReason);
        assertThat(s.getConditions().get(1).getStatus())
                .isEqualTo("ProgressDeadlineExceeded".equals(progressingReason) ? "False" : "True");
    }

    @Test
    void conditionTimesMoveOnlyWhenTheConditionDoes() {
        Deployment d = deployment(1, new IntOrString(0));
        d.setStatus(DeploymentStatuses.compute(d, pods("s"), HASH, false, "2026-11-21T09:00:00Z"));

        DeploymentStatus same = DeploymentStatuses.compute(d, pods("s"), HASH, false, NOW);
        assertThat(same).isEqualTo(d.getStatus());

        DeploymentStatus ready = DeploymentStatuses.compute(d, pods("r"), HASH, false, NOW);
        assertThat(ready.getConditions())
                .allSatisfy(c -> assertThat(c.getLastUpdateTime()).isEqualTo(NOW));
        DeploymentCondition available = ready.getConditions().get(0);
        assertThat(available.getLastTransitionTime()).isEqualTo(NOW);
        // Progressing stays True, from "is progressing" to "has progressed": updated, not transitioned.
        DeploymentCondition progressing = ready.getConditions().get(1);
        assertThat(progressing.getLastTransitionTime()).isEqualTo("2026-11-21T09:00:00Z");
    }

    @Test
    void defaults() {
        Deployment bare = new DeploymentBuilder()
                .withNewMetadata()
                .withName("d")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build();
        assertThat(DeploymentStatuses.desired(bare)).isEqualTo(1);
        assertThat(DeploymentStatuses.progressDeadlineSeconds(bare)).isEqualTo(600);
        assertThat(DeploymentStatuses.maxUnavailable(bare, 8)).isEqualTo(2);
        bare.getSpec()
                .setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                        .withType("Recreate")
                        .build());
        assertThat(DeploymentStatuses.maxUnavailable(bare, 8)).isZero();
    }
}
