package dev.kinetic.serving.controller.service;

import dev.kinetic.api.Admission;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.ConfigurationStatus;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.RouteStatus;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.ServiceStatus;
import dev.kinetic.serving.controller.ConfigSnapshot;
import dev.kinetic.serving.controller.ControllerSettings;
import dev.kinetic.serving.controller.kube.Children;
import dev.kinetic.serving.controller.kube.StatusWriter;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;

/**
 * Service → Configuration + Route of the same name, owned by the Service; the Service's status mirrors both
 * (Knative {@code pkg/reconciler/service}). Two phases, one per child, then one status write if anything changed.
 */
@ControllerConfiguration(name = "service")
public class ServiceReconciler implements Reconciler<Service> {

    @Inject
    ConfigSnapshot config;

    @Inject
    ControllerSettings settings;

    @Override
    public List<EventSource<?, Service>> prepareEventSources(EventSourceContext<Service> context) {
        return List.of(
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Configuration.class, Service.class)
                                .build(),
                        context),
                new InformerEventSource<>(
                        InformerEventSourceConfiguration.from(Route.class, Service.class)
                                .build(),
                        context));
    }

    @Override
    public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
        ServiceStatus before = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
        ServiceStatus status = Manifests.copy(before, ServiceStatus.class);
        status.initializeConditions();

        reconcileConfiguration(service, context, status);
        reconcileRoute(service, context, status);

        status.setObservedGeneration(service.getMetadata().getGeneration());
        return StatusWriter.write(context.getClient(), service, status, settings.resyncInterval());
    }

    private void reconcileConfiguration(Service service, Context<Service> context, ServiceStatus status) {
        Configuration desired = ServiceResources.makeConfiguration(service);
        // Compare against what the webhook will have stored: the defaulted form.
        Admission.setDefaultsAny(KineticKinds.of(Configuration.class), desired, config.api());
        Configuration existing =
                context.getSecondaryResource(Configuration.class).orElse(null);
        Configuration current;
        try {
            current = Children.reconcile(context.getClient(), desired, existing, service, (d, t) -> {
                Children.replaceLabelsAnnotations(d, t);
                t.setSpec(d.getSpec());
            });
        } catch (Children.NotOwnedException e) {
            status.markConfigurationNotOwned(e.name());
            return;
        }
        ConfigurationStatus childStatus = current.getStatus();
        if (childStatus == null
                || !Objects.equals(
                        childStatus.getObservedGeneration(),
                        current.getMetadata().getGeneration())) {
            status.markConfigurationNotReconciled();
            return;
        }
        status.propagateConfigurationStatus(childStatus);
    }

    private void reconcileRoute(Service service, Context<Service> context, ServiceStatus status) {
        Route desired = ServiceResources.makeRoute(service);
        Admission.setDefaultsAny(KineticKinds.of(Route.class), desired, config.api());
        Route existing = context.getSecondaryResource(Route.class).orElse(null);
        Route current;
        try {
            current = Children.reconcile(context.getClient(), desired, existing, service, (d, t) -> {
                Children.replaceLabelsAnnotations(d, t);
                t.setSpec(d.getSpec());
            });
        } catch (Children.NotOwnedException e) {
            status.markRouteNotOwned(e.name());
            return;
        }
        RouteStatus childStatus = current.getStatus();
        if (childStatus == null
                || !Objects.equals(
                        childStatus.getObservedGeneration(),
                        current.getMetadata().getGeneration())) {
            status.markRouteNotReconciled();
            return;
        }
        status.propagateRouteStatus(childStatus);
    }
}
