package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.serving.controller.names.ChildNames;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;
import java.util.TreeMap;

/** The PodAutoscaler through which the autoscaler scales a Revision's Deployment. */
public final class PodAutoscalers {
    private PodAutoscalers() {}

    /** Routing states a Revision's {@code serving.knative.dev/routingState} label takes. */
    public static final String ROUTING_STATE_ACTIVE = "active";

    public static final String ROUTING_STATE_RESERVE = "reserve";

    /** {@link #makePodAutoscaler(Revision, AutoscalerConfig, Deployment)} before the Deployment exists. */
    public static PodAutoscaler makePodAutoscaler(Revision rev, AutoscalerConfig config) {
        return makePodAutoscaler(rev, config, null);
    }

    /**
     * {@code <revision>}: the revision's {@code autoscaling.knative.dev/*} annotations, with the class defaulted from
     * {@code config-autoscaler}; the revision's containerConcurrency and protocol; its Deployment as scale target; and
     * its reachability.
     *
     * @param deployment the revision's Deployment as it exists, or null; used to tell a failed revision that has no
     *     ready pod, which should not be kept scaled up
     */
    public static PodAutoscaler makePodAutoscaler(Revision rev, AutoscalerConfig config, Deployment deployment) {
        Map<String, String> annotations = new TreeMap<>(RevisionMeta.autoscalingAnnotations(rev));
        annotations.putIfAbsent(Knative.CLASS_ANNOTATION, config.podAutoscalerClass());
        PodAutoscaler pa = new PodAutoscaler();
        pa.setMetadata(RevisionMeta.childMeta(rev, rev.getMetadata().getName(), annotations));
        pa.setSpec(new PodAutoscalerSpec()
                .setContainerConcurrency(containerConcurrency(rev))
                .setScaleTargetRef(scaleTargetRef(rev))
                .setProtocolType(Ports.protocolType(rev))
                .setReachability(reachability(rev, deployment)));
        return pa;
    }

    /** A reference to the revision's Deployment, as the PodAutoscaler and ServerlessService hold it. */
    public static ObjectReference scaleTargetRef(Revision rev) {
        return new ObjectReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName(ChildNames.deployment(rev.getMetadata().getName()))
                .build();
    }

    /**
     * {@code Unreachable} for a revision whose resources or container failed and which has no ready pod (nothing
     * would serve, so it should scale to zero); otherwise from the routing state: {@code active} is
     * {@code Reachable}, {@code reserve} is {@code Unreachable}, anything else (pending) is not yet known.
     */
    static String reachability(Revision rev, Deployment deployment) {
        if (failed(rev) && deployment != null && readyReplicas(deployment) == 0) {
            return PodAutoscalerSpec.UNREACHABLE;
        }
        return switch (RevisionMeta.label(rev, Knative.ROUTING_STATE_LABEL)) {
            case ROUTING_STATE_ACTIVE -> PodAutoscalerSpec.REACHABLE;
            case ROUTING_STATE_RESERVE -> PodAutoscalerSpec.UNREACHABLE;
            default -> "";
        };
    }

    private static boolean failed(Revision rev) {
        RevisionStatus status = rev.getStatus();
        if (status == null) {
            return false;
        }
        return status.condition(RevisionStatus.RESOURCES_AVAILABLE)
                        .map(Condition::isFalse)
                        .orElse(false)
                || status.condition(RevisionStatus.CONTAINER_HEALTHY)
                        .map(Condition::isFalse)
                        .orElse(false);
    }

    private static int readyReplicas(Deployment deployment) {
        return deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
                ? 0
                : deployment.getStatus().getReadyReplicas();
    }

    private static long containerConcurrency(Revision rev) {
        Long cc = rev.getSpec() == null ? null : rev.getSpec().getContainerConcurrency();
        return cc == null ? 0 : cc;
    }
}
