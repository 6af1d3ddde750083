package dev.kinetic.autoscaler.sks;

import dev.kinetic.api.Manifests;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceStatus;
import dev.kinetic.autoscaler.AutoscalerSettings;
import dev.kinetic.autoscaler.kube.StatusWrites;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ServerlessService → the EndpointSlice of the revision's public Service, and the SKS's status. The autoscaler sets
 * the mode; this reconciler follows it, and follows the pods and the activators as they come and go.
 */
@ControllerConfiguration(name = "serverlessservice")
public class ServerlessServiceReconciler implements Reconciler<ServerlessService> {
    static final String PRIVATE_SUFFIX = "-private";

    @Inject
    AutoscalerSettings settings;

    private InformerEventSource<EndpointSlice, ServerlessService> slices;

    @Override
    public List<EventSource<?, ServerlessService>> prepareEventSources(EventSourceContext<ServerlessService> context) {
        slices = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(EndpointSlice.class, ServerlessService.class)
                        .withName("sks-endpointslices")
                        .withSecondaryToPrimaryMapper(slice -> affected(slice, context))
                        .build(),
                context);
        return List.of(slices);
    }

    /** A private slice concerns its revision's SKS, the public slice its own SKS, an activator slice every SKS. */
    private Set<ResourceID> affected(EndpointSlice slice, EventSourceContext<ServerlessService> context) {
        String service = serviceName(slice);
        String ns = slice.getMetadata().getNamespace();
        if (service == null) {
            return Set.of();
        }
        if (ns.equals(settings.systemNamespace()) && service.equals(settings.activatorService())) {
            return context.getPrimaryCache()
                    .list()
                    .map(ResourceID::fromResource)
                    .collect(Collectors.toSet());
        }
        String revision = service.endsWith(PRIVATE_SUFFIX)
                ? service.substring(0, service.length() - PRIVATE_SUFFIX.length())
                : service;
        return Set.of(new ResourceID(revision, ns));
    }

    private static String serviceName(EndpointSlice slice) {
        return slice.getMetadata().getLabels() == null
                ? null
                : slice.getMetadata().getLabels().get(PublicEndpoints.SERVICE_NAME_LABEL);
    }

    private List<EndpointSlice> slicesOf(String namespace, String service) {
        return slices.list(namespace, s -> service.equals(serviceName(s))).toList();
    }

    @Override
    public UpdateControl<ServerlessService> reconcile(ServerlessService sks, Context<ServerlessService> context) {
        String ns = sks.getMetadata().getNamespace();
        String name = sks.getMetadata().getName();
        PublicEndpoints.Result result = PublicEndpoints.make(
                sks,
                slicesOf(ns, name + PRIVATE_SUFFIX),
                slicesOf(settings.systemNamespace(), settings.activatorService()));
        writeSlice(context.getClient(), result.slice(), slicesOf(ns, name));

        ServerlessServiceStatus before = sks.getStatus() == null ? new ServerlessServiceStatus() : sks.getStatus();
        ServerlessServiceStatus status = Manifests.copy(before, ServerlessServiceStatus.class);
        status.initializeConditions();
        status.setServiceName(name);
        status.setPrivateServiceName(name + PRIVATE_SUFFIX);
        if (result.readyEndpoints() > 0) {
            status.markEndpointsReady();
        } else {
            status.markEndpointsNotReady("NoHealthyBackends");
        }
        if (result.activatorsInPath()) {
            status.markActivatorEndpointsPopulated();
        } else {
            status.markActivatorEndpointsRemoved();
        }
        status.setObservedGeneration(sks.getMetadata().getGeneration());
        return StatusWrites.write(context.getClient(), sks, status, settings.resyncInterval());
    }

    /** Creates the public slice or updates it when its endpoints or ports differ; a conflict retries the reconcile. */
    private static void writeSlice(KubernetesClient client, EndpointSlice desired, List<EndpointSlice> existing) {
        EndpointSlice current = existing.stream()
                .filter(s ->
                        s.getMetadata().getName().equals(desired.getMetadata().getName()))
                .findFirst()
                .orElse(null);
        if (current == null) {
            try {
                client.resource(desired).create();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                current = client.resource(desired).get();
                if (current == null) {
                    throw e;
                }
            }
        }
        if (Objects.equals(Manifests.toTree(current.getEndpoints()), Manifests.toTree(desired.getEndpoints()))
                && Objects.equals(Manifests.toTree(current.getPorts()), Manifests.toTree(desired.getPorts()))
                && Objects.equals(
                        current.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
            return;
        }
        desired.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        client.resource(desired).update();
    }
}
