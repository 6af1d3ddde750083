package dev.kinetic.serving.controller.revision;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.serving.controller.ConfigSnapshot;
import dev.kinetic.serving.controller.ControllerSettings;
import dev.kinetic.serving.controller.kube.Children;
import dev.kinetic.serving.controller.kube.StatusWriter;
import dev.kinetic.serving.controller.resources.Deployments;
import dev.kinetic.serving.controller.resources.PodAutoscalers;
import dev.kinetic.serving.controller.resources.RevisionConfig;
import dev.kinetic.serving.controller.resources.ServerlessServices;
import dev.kinetic.serving.controller.resources.Services;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Revision → Deployment, private and public Services, PodAutoscaler and ServerlessService (Knative
 * {@code pkg/reconciler/revision}): one phase per child, built by the pure builders in {@code resources}, then the
 * Revision's status from what the Deployment, its Pods and the PodAutoscaler report. The spec of a Revision never
 * changes, so neither do its children's, except for what other components own: the Deployment's replicas (the
 * autoscaler's), the ServerlessService's mode and activator count (the autoscaler's) and the Services' cluster IPs (the API server's).
 */
@ControllerConfiguration(name = "revision")
public class RevisionReconciler implements Reconciler<Revision> {

    @Inject
    ConfigSnapshot config;

    @Inject
    ControllerSettings settings;

    @Override
    public List<EventSource<?, Revision>> prepareEventSources(EventSourceContext<Revision> context) {
        return List.of(
                owned(Deployment.class, context),
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Service.class, Revision.class)
                                .withName("revision-services")
                                .build(),
                        context),
                owned(PodAutoscaler.class, context),
                owned(ServerlessService.class, context),
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Pod.class, Revision.class)
                                .withSecondaryToPrimaryMapper(RevisionReconciler::revisionOfPod)
                                .build(),
                        context));
    }

    private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> InformerEventSource<R, Revision> owned(
            Class<R> type, EventSourceContext<Revision> context) {
        return new InformerEventSource<>(
                InformerEventSourceConfiguration.from(type, Revision.class).build(), context);
    }

    /** Pods carry their revision's name as a label (their owner is a ReplicaSet, not the Revision). */
    static Set<ResourceID> revisionOfPod(Pod pod) {
        String revision = pod.getMetadata().getLabels() == null
                ? null
                : pod.getMetadata().getLabels().get(Knative.REVISION_LABEL);
        return revision == null
                ? Set.of()
                : Set.of(new ResourceID(revision, pod.getMetadata().getNamespace()));
    }

    @Override
    public UpdateControl<Revision> reconcile(Revision rev, Context<Revision> context) throws Exception {
        RevisionStatus before = rev.getStatus() == null ? new RevisionStatus() : rev.getStatus();
        RevisionStatus status = Manifests.copy(before, RevisionStatus.class);
        status.initializeConditions();
        RevisionConfig cfg = config.revision();

        try {
            Deployment deployment = reconcileDeployment(rev, context, cfg);
            reconcileService(rev, context, Services.makePrivateService(rev));
            reconcileService(rev, context, Services.makePublicService(rev));
            PodAutoscaler pa = reconcilePodAutoscaler(rev, context, cfg, deployment);
            reconcileServerlessService(rev, context);
            Set<Pod> pods = context.getSecondaryResources(Pod.class);
            RevisionHealth.apply(status, deployment, pods, pa, userContainers(rev));
        } catch (Children.NotOwnedException e) {
            status.markNotOwned(e.kind(), e.name());
        }

        status.setObservedGeneration(rev.getMetadata().getGeneration());
        return StatusWriter.write(context.getClient(), rev, status, settings.resyncInterval());
    }

    private static Deployment reconcileDeployment(Revision rev, Context<Revision> context, RevisionConfig cfg)
            throws Children.NotOwnedException {
        Deployment desired = Deployments.makeDeployment(rev, cfg);
        Deployment existing = context.getSecondaryResource(Deployment.class).orElse(null);
        return Children.reconcile(context.getClient(), desired, existing, rev, (d, t) -> {
            Children.replaceLabelsAnnotations(d, t);
            // The autoscaler owns the replica count once the Deployment exists.
            Integer replicas = t.getSpec().getReplicas();
            t.setSpec(d.getSpec());
            t.getSpec().setReplicas(replicas);
        });
    }

    private static void reconcileService(Revision rev, Context<Revision> context, Service desired)
            throws Children.NotOwnedException {
        Service existing = context.getSecondaryResources(Service.class).stream()
                .filter(s ->
                        s.getMetadata().getName().equals(desired.getMetadata().getName()))
                .findFirst()
                .orElse(null);
        Children.reconcile(context.getClient(), desired, existing, rev, (d, t) -> {
            Children.replaceLabelsAnnotations(d, t);
            // The API server allocates cluster IPs; only the ports and the selector are ours.
            t.getSpec().setPorts(d.getSpec().getPorts());
            t.getSpec().setSelector(d.getSpec().getSelector());
            t.getSpec().setType(d.getSpec().getType());
        });
    }

    private static PodAutoscaler reconcilePodAutoscaler(
            Revision rev, Context<Revision> context, RevisionConfig cfg, Deployment deployment)
            throws Children.NotOwnedException {
        PodAutoscaler desired = PodAutoscalers.makePodAutoscaler(rev, cfg.autoscaler(), deployment);
        PodAutoscaler existing =
                context.getSecondaryResource(PodAutoscaler.class).orElse(null);
        return Children.reconcile(context.getClient(), desired, existing, rev, (d, t) -> {
            Children.replaceLabelsAnnotations(d, t);
            t.setSpec(d.getSpec());
        });
    }

    private static void reconcileServerlessService(Revision rev, Context<Revision> context)
            throws Children.NotOwnedException {
        // A new Revision starts behind the activator; the autoscaler switches the mode from then on.
        ServerlessService desired = ServerlessServices.makeServerlessService(rev, ServerlessServiceSpec.MODE_PROXY);
        ServerlessService existing =
                context.getSecondaryResource(ServerlessService.class).orElse(null);
        Children.reconcile(context.getClient(), desired, existing, rev, (d, t) -> {
            Children.replaceLabelsAnnotations(d, t);
            // The autoscaler owns the mode and the number of activators in the path.
            String mode = t.getSpec().getMode();
            Integer activators = t.getSpec().getNumActivators();
            t.setSpec(d.getSpec());
            t.getSpec().setMode(mode);
            t.getSpec().setNumActivators(activators);
        });
    }

    private static Set<String> userContainers(Revision rev) {
        return rev.getSpec().getContainers().stream().map(Container::getName).collect(Collectors.toSet());
    }
}
