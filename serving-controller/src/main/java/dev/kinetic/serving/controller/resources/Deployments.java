package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.names.ChildNames;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The Deployment running a Revision's pods. */
public final class Deployments {
    private Deployments() {}

    /** Pod annotation naming the container {@code kubectl logs/exec} picks by default. */
    public static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

    /**
     * {@code <revision>-deployment}: the revision's pod spec with Knative's user containers and the queue-proxy,
     * selecting pods by revision UID, starting at the initial scale, rolling out without ever taking a ready pod
     * away, and keeping no old ReplicaSets (a Revision never changes, so there is nothing to roll back to).
     */
    public static Deployment makeDeployment(Revision rev, RevisionConfig cfg) {
        Map<String, String> labels = RevisionMeta.labels(rev);
        Map<String, String> annotations = RevisionMeta.annotations(rev);
        Map<String, String> podAnnotations = new TreeMap<>(annotations);
        podAnnotations.put(DEFAULT_CONTAINER_ANNOTATION, RevisionContainers.servingName(rev));
        return new DeploymentBuilder()
                .withMetadata(RevisionMeta.childMeta(
                        rev, ChildNames.deployment(rev.getMetadata().getName()), annotations))
                .withNewSpec()
                .withReplicas(Scale.initialReplicas(rev, cfg.autoscaler()))
                .withNewSelector()
                .withMatchLabels(RevisionMeta.selector(rev))
                .endSelector()
                .withProgressDeadlineSeconds(progressDeadlineSeconds(rev, cfg))
                .withRevisionHistoryLimit(0)
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .withAnnotations(podAnnotations)
                .endMetadata()
                .withSpec(podSpec(rev, cfg))
                .endTemplate()
                .endSpec()
                .build();
    }

    /** The pod spec: the revision's, with the rewritten user containers followed by the queue-proxy. */
    static PodSpec podSpec(Revision rev, RevisionConfig cfg) {
        PodSpec pod = rev.getSpec() == null ? new PodSpec() : new PodSpecBuilder(rev.getSpec()).build();
        List<Container> containers = new ArrayList<>(UserContainers.make(rev, cfg.features()));
        containers.add(QueueContainer.make(rev, cfg));
        pod.setContainers(containers);
        pod.setInitContainers(UserContainers.makeInit(rev));
        if (pod.getEnableServiceLinks() == null) {
            // Service links put an env var per Service of the namespace in every pod, slowing start-up for nothing.
            pod.setEnableServiceLinks(cfg.defaults().enableServiceLinks().orElse(null));
        }
        Long timeout = rev.getSpec() == null ? null : rev.getSpec().getTimeoutSeconds();
        // The queue-proxy drains for up to the request timeout; the kubelet must not kill the pod before it is done.
        pod.setTerminationGracePeriodSeconds(
                timeout == null || timeout <= 0 ? cfg.defaults().revisionTimeoutSeconds() : timeout);
        return pod;
    }

    /**
     * The annotation {@code serving.knative.dev/progress-deadline} when it is a positive whole-second duration,
     * otherwise {@code config-deployment}'s {@code progress-deadline}.
     */
    static int progressDeadlineSeconds(Revision rev, RevisionConfig cfg) {
        Duration deadline = Optional.ofNullable(RevisionMeta.annotation(rev, Knative.PROGRESS_DEADLINE_ANNOTATION))
                .flatMap(Durations::parseGo)
                .filter(d -> !d.isNegative() && !d.isZero() && d.getNano() == 0)
                .orElse(cfg.deployment().progressDeadline());
        return (int) Math.min(deadline.toSeconds(), Integer.MAX_VALUE);
    }
}
