package dev.kinetic.serving.controller.resources;

import static dev.kinetic.serving.controller.resources.DeploymentsTest.CHILD_LABELS;
import static dev.kinetic.serving.controller.resources.DeploymentsTest.expectedOwner;
import static dev.kinetic.serving.controller.resources.TestRevisions.NAME;
import static dev.kinetic.serving.controller.resources.TestRevisions.named;
import static dev.kinetic.serving.controller.resources.TestRevisions.revision;
import static dev.kinetic.serving.controller.resources.TestRevisions.withAnnotation;
import static dev.kinetic.serving.controller.resources.TestRevisions.withLabel;
import static dev.kinetic.serving.controller.resources.TestRevisions.withPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.serving.controller.names.ChildNames;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodAutoscalersTest {

    private static final AutoscalerConfig SHIPPED = AutoscalerConfig.defaults();

    @Test
    void plainRevision() {
        Revision rev = revision(
                withAnnotation(Knative.MIN_SCALE_ANNOTATION, "1"),
                withAnnotation(Knative.TARGET_ANNOTATION, "50"),
                withAnnotation(Knative.CREATOR_ANNOTATION, "alice"),
                withLabel(Knative.ROUTING_STATE_LABEL, "active"),
                r -> r.getSpec().setContainerConcurrency(10L));

        PodAutoscaler pa = PodAutoscalers.makePodAutoscaler(rev, SHIPPED);

        assertThat(pa.getApiVersion()).isEqualTo("autoscaling.internal.knative.dev/v1alpha1");
        assertThat(pa.getKind()).isEqualTo("PodAutoscaler");
        assertThat(pa.getMetadata().getName()).isEqualTo(NAME);
        assertThat(pa.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(pa.getMetadata().getLabels()).isEqualTo(CHILD_LABELS);
        assertThat(pa.getMetadata().getOwnerReferences()).containsExactly(expectedOwner(NAME));
        assertThat(pa.getMetadata().getAnnotations())
                .isEqualTo(Map.of(
                        Knative.MIN_SCALE_ANNOTATION, "1",
                        Knative.TARGET_ANNOTATION, "50",
                        Knative.CLASS_ANNOTATION, Knative.KPA_CLASS));
        assertThat(pa.getSpec().getContainerConcurrency()).isEqualTo(10L);
        assertThat(pa.getSpec().getProtocolType()).isEqualTo("http1");
        assertThat(pa.getSpec().getReachability()).isEqualTo("Reachable");
        assertThat(pa.getSpec().getScaleTargetRef())
                .isEqualTo(new ObjectReferenceBuilder()
                        .withApiVersion("apps/v1")
                        .withKind("Deployment")
                        .withName("hello-00001-deployment")
                        .build());
    }

    @Test
    void theRevisionsClassWins() {
        Revision rev = revision(withAnnotation(Knative.CLASS_ANNOTATION, Knative.HPA_CLASS));

        assertThat(PodAutoscalers.makePodAutoscaler(rev, SHIPPED).getMetadata().getAnnotations())
                .containsEntry(Knative.CLASS_ANNOTATION, Knative.HPA_CLASS);
    }

    @Test
    void theConfiguredClassIsTheDefault() {
        AutoscalerConfig hpa = AutoscalerConfig.fromMap(Map.of("pod-autoscaler-class", Knative.HPA_CLASS))
                .config();

        assertThat(PodAutoscalers.makePodAutoscaler(revision(), hpa)
                        .getMetadata()
                        .getAnnotations())
                .isEqualTo(Map.of(Knative.CLASS_ANNOTATION, Knative.HPA_CLASS));
    }

    @Test
    void h2cRevision() {
        assertThat(PodAutoscalers.makePodAutoscaler(revision(withPort("h2c", 8080)), SHIPPED)
                        .getSpec()
                        .getProtocolType())
                .isEqualTo("h2c");
    }

    @Test
    void scaleTargetIsTheDeployment() {
        String name = "a-very-long-configuration-name-that-goes-on-and-on-and-on-00001";
        Revision rev = named(name);

        PodAutoscaler pa = PodAutoscalers.makePodAutoscaler(rev, SHIPPED);

        assertThat(pa.getMetadata().getName()).isEqualTo(name);
        assertThat(pa.getSpec().getScaleTargetRef().getName())
                .isEqualTo(ChildNames.deployment(name))
                .isEqualTo(Deployments.makeDeployment(rev, RevisionConfig.shipped())
                        .getMetadata()
                        .getName());
    }

    static Stream<Arguments> reachability() {
        return Stream.of(
                Arguments.of("no routing state", null, null, null, ""),
                Arguments.of("pending", "pending", null, null, ""),
                Arguments.of("active", "active", null, null, "Reachable"),
                Arguments.of("reserve", "reserve", null, null, "Unreachable"),
                Arguments.of("failed, no ready pod", "active", "failed", 0, "Unreachable"),
                Arguments.of("failed, no status yet", "active", "failed", null, "Unreachable"),
                Arguments.of("failed but a pod is ready", "active", "failed", 1, "Reachable"),
                Arguments.of("deploying, no ready pod", "active", "deploying", 0, "Reachable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reachability")
    void reachability(String name, String routingState, String health, Integer readyReplicas, String expected) {
        Revision rev = revision(r -> {
            if (routingState != null) {
                withLabel(Knative.ROUTING_STATE_LABEL, routingState).accept(r);
            }
            if (health != null) {
                RevisionStatus status = new RevisionStatus();
                status.initializeConditions();
                if (health.equals("failed")) {
                    status.markContainerHealthyFalse("ExitCode1", "Container failed with: boom");
                }
                r.setStatus(status);
            }
        });
        Deployment deployment = null;
        if (health != null) {
            deployment = Deployments.makeDeployment(rev, RevisionConfig.shipped());
            if (readyReplicas != null) {
                DeploymentStatus status = new DeploymentStatus();
                status.setReadyReplicas(readyReplicas);
                deployment.setStatus(status);
            }
        }

        assertThat(PodAutoscalers.makePodAutoscaler(rev, SHIPPED, deployment)
                        .getSpec()
                        .getReachability())
                .isEqualTo(expected);
    }
}
