package dev.kinetic.serving.controller.configuration;

import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.ConfigurationStatus;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.ConfigSnapshot;
import dev.kinetic.serving.controller.ControllerSettings;
import dev.kinetic.serving.controller.gc.RevisionGc;
import dev.kinetic.serving.controller.gc.RevisionInfo;
import dev.kinetic.serving.controller.kube.Owners;
import dev.kinetic.serving.controller.kube.StatusWriter;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration → one immutable Revision per template generation (Knative {@code pkg/reconciler/configuration}):
 * create the Revision of the current generation if missing, then derive latestCreated/latestReady and Ready from
 * the Revisions the Configuration owns.
 */
@ControllerConfiguration(name = "configuration")
public class ConfigurationReconciler implements Reconciler<Configuration> {
    private final Clock clock = Clock.systemUTC();

    @Inject
    ConfigSnapshot config;

    @Inject
    ControllerSettings settings;

    @Override
    public List<EventSource<?, Configuration>> prepareEventSources(EventSourceContext<Configuration> context) {
        return List.of(new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Revision.class, Configuration.class)
                        .build(),
                context));
    }

    @Override
    public UpdateControl<Configuration> reconcile(Configuration cfg, Context<Configuration> context) {
        ConfigurationStatus before = cfg.getStatus() == null ? new ConfigurationStatus() : cfg.getStatus();
        ConfigurationStatus status = Manifests.copy(before, ConfigurationStatus.class);
        status.initializeConditions();

        Set<Revision> owned = context.getSecondaryResources(Revision.class);
        Optional<Revision> latestCreated = reconcileLatestRevision(cfg, context, owned, status, Instant.now(clock));
        latestCreated.ifPresent(created -> updateLatest(status, created, owned));
        collectGarbage(cfg, context, owned, status, Instant.now(clock));

        status.setObservedGeneration(cfg.getMetadata().getGeneration());
        return StatusWriter.write(context.getClient(), cfg, status, settings.resyncInterval());
    }

    /** The Revision of the current generation: found among the owned ones, or created now. */
    private Optional<Revision> reconcileLatestRevision(
            Configuration cfg,
            Context<Configuration> context,
            Set<Revision> owned,
            ConfigurationStatus status,
            Instant now) {
        String name = ConfigurationResources.revisionName(cfg);
        Optional<Revision> cached = owned.stream()
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
        if (cached.isPresent()) {
            return cached;
        }
        Revision desired = ConfigurationResources.makeRevision(cfg, now);
        try {
            return Optional.of(context.getClient().resource(desired).create());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        Revision existing = context.getClient().resource(desired).get();
        if (existing != null && Owners.isControlledBy(existing, cfg)) {
            return Optional.of(existing);
        }
        status.markRevisionCreationFailed("revision name \"" + name + "\" is already taken by another object");
        return Optional.empty();
    }

    /** Deletes the Revisions config-gc no longer wants to keep; never a routed or the latest created/ready one. */
    private void collectGarbage(
            Configuration cfg,
            Context<Configuration> context,
            Set<Revision> owned,
            ConfigurationStatus status,
            Instant now) {
        List<String> doomed = RevisionGc.collect(
                owned.stream().map(RevisionInfo::from).toList(),
                status.getLatestCreatedRevisionName(),
                status.getLatestReadyRevisionName(),
                config.gc(),
                now);
        for (String name : doomed) {
            context.getClient()
                    .resources(Revision.class)
                    .inNamespace(cfg.getMetadata().getNamespace())
                    .withName(name)
                    .delete();
        }
    }

    private static void updateLatest(ConfigurationStatus status, Revision created, Set<Revision> owned) {
        String name = created.getMetadata().getName();
        status.markLatestCreated(name);
        ConfigurationResources.latestReady(owned)
                .ifPresent(ready -> status.markLatestReady(ready.getMetadata().getName()));
        Optional<Condition> createdReady = created.getStatus() == null
                ? Optional.empty()
                : created.getStatus().condition(ConditionSet.READY);
        if (createdReady.map(Condition::isTrue).orElse(false)) {
            status.markLatestReady(name);
        } else if (createdReady.map(Condition::isFalse).orElse(false)) {
            status.markLatestCreatedFailed(name, createdReady.get().getMessage());
        }
    }
}
