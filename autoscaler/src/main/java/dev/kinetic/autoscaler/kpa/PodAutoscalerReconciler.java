package dev.kinetic.autoscaler.kpa;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceStatus;
import dev.kinetic.autoscaler.AutoscalerSettings;
import dev.kinetic.autoscaler.ConfigStore;
import dev.kinetic.autoscaler.collect.EndpointDirectory;
import dev.kinetic.autoscaler.collect.RevisionKey;
import dev.kinetic.autoscaler.config.KpaConfig;
import dev.kinetic.autoscaler.kube.StatusWrites;
import dev.kinetic.autoscaler.metrics.Aggregation;
import dev.kinetic.autoscaler.scaling.DeciderSpec;
import dev.kinetic.autoscaler.scaling.Decision;
import dev.kinetic.autoscaler.scaling.ScaleBounds;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * PodAutoscaler (class {@code kpa.autoscaling.knative.dev}) → the Deployment's replicas, the ServerlessService's mode
 * and the PA's status (Knative {@code pkg/reconciler/autoscaling/kpa}). Phases: resolve the revision's spec and
 * bounds; read its decider's latest decision; the scale gate; scale the Deployment; choose the ServerlessService
 * mode (Serve only when pods are wanted and the burst capacity suffices); the status. It runs whenever a decision
 * changes, the Deployment, the ServerlessService or the revision's ready pods change, and when the scale gate asks
 * to look again.
 */
@ControllerConfiguration(name = "kpa")
public class PodAutoscalerReconciler implements Reconciler<PodAutoscaler> {
    private static final Logger LOG = Logger.getLogger(PodAutoscalerReconciler.class);
    static final String PRIVATE_SUFFIX = "-private";

    @Inject
    Deciders deciders;

    @Inject
    ConfigStore config;

    @Inject
    AutoscalerSettings settings;

    @Inject
    EndpointDirectory directory;

    @Inject
    ActivatorProbe activatorProbe;

    @Override
    public List<EventSource<?, PodAutoscaler>> prepareEventSources(EventSourceContext<PodAutoscaler> context) {
        SimpleInboundEventSource<PodAutoscaler> changes = new SimpleInboundEventSource<>("kpa-decisions");
        deciders.watch(
                key -> changes.propagateEvent(new ResourceID(key.name(), key.namespace())),
                key -> context.getPrimaryCache()
                        .get(new ResourceID(key.name(), key.namespace()))
                        .isPresent());
        directory.addListener((namespace, service) -> {
            if (service.endsWith(PRIVATE_SUFFIX)) {
                String revision = service.substring(0, service.length() - PRIVATE_SUFFIX.length());
                changes.propagateEvent(new ResourceID(revision, namespace));
            }
        });
        InformerEventSource<Deployment, PodAutoscaler> deployments = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Deployment.class, PodAutoscaler.class)
                        .withName("kpa-deployments")
                        .withSecondaryToPrimaryMapper(PodAutoscalerReconciler::revisionOf)
                        .withPrimaryToSecondaryMapper(
                                (PodAutoscaler pa) -> Set.of(new ResourceID(deploymentName(pa), namespace(pa))))
                        .build(),
                context);
        InformerEventSource<ServerlessService, PodAutoscaler> services = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(ServerlessService.class, PodAutoscaler.class)
                        .withName("kpa-sks")
                        .withSecondaryToPrimaryMapper(sks -> Set.of(ResourceID.fromResource(sks)))
                        .withPrimaryToSecondaryMapper((PodAutoscaler pa) -> Set.of(ResourceID.fromResource(pa)))
                        .build(),
                context);
        return List.of(changes, deployments, services);
    }

    /** A Deployment belongs to the Revision that owns it, whose PodAutoscaler has the Revision's name. */
    static Set<ResourceID> revisionOf(Deployment deployment) {
        List<OwnerReference> owners = deployment.getMetadata().getOwnerReferences();
        if (owners == null) {
            return Set.of();
        }
        return owners.stream()
                .filter(o -> "Revision".equals(o.getKind()) && Boolean.TRUE.equals(o.getController()))
                .map(o -> new ResourceID(o.getName(), deployment.getMetadata().getNamespace()))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static String deploymentName(PodAutoscaler pa) {
        return pa.getSpec() == null || pa.getSpec().getScaleTargetRef() == null
                ? pa.getMetadata().getName() + "-deployment"
                : pa.getSpec().getScaleTargetRef().getName();
    }

    private static String namespace(PodAutoscaler pa) {
        return pa.getMetadata().getNamespace();
    }

    @Override
    public UpdateControl<PodAutoscaler> reconcile(PodAutoscaler pa, Context<PodAutoscaler> context) {
        Map<String, String> annotations = pa.getMetadata().getAnnotations() == null
                ? Map.of()
                : pa.getMetadata().getAnnotations();
        if (!Knative.KPA_CLASS.equals(annotations.getOrDefault(Knative.CLASS_ANNOTATION, Knative.KPA_CLASS))) {
            // Another autoscaler (the HPA class) owns this one.
            return UpdateControl.noUpdate();
        }
        long now = System.currentTimeMillis();
        RevisionKey key = new RevisionKey(namespace(pa), pa.getMetadata().getName());
        KpaConfig cfg = config.autoscaler();
        boolean reachable = !PodAutoscalerSpec.UNREACHABLE.equals(pa.getSpec().getReachability());
        long cc = pa.getSpec().getContainerConcurrency() == null
                ? 0
                : pa.getSpec().getContainerConcurrency();
        DeciderSpec spec = DeciderSpec.resolve(cfg, annotations, cc, reachable);
        ScaleBounds bounds = ScaleBounds.resolve(cfg, annotations, reachable);
        Decision decision = deciders.ensure(key, spec, Aggregation.of(annotations), now);

        PodAutoscalerStatus before = pa.getStatus() == null ? new PodAutoscalerStatus() : pa.getStatus();
        PodAutoscalerStatus status = Manifests.copy(before, PodAutoscalerStatus.class);
        status.initializeConditions();

        ServerlessService sks =
                context.getSecondaryResource(ServerlessService.class).orElse(null);
        if (sks == null) {
            // The revision reconciler creates it; until then nothing can be routed.
            status.markSksNotReady("ServerlessService " + key.name() + " does not exist yet");
            status.setObservedGeneration(pa.getMetadata().getGeneration());
            return StatusWrites.write(context.getClient(), pa, status, Duration.ofSeconds(5));
        }
        Deployment deployment = context.getSecondaryResource(Deployment.class).orElse(null);
        int ready = directory
                .readyAddresses(key.namespace(), key.name() + PRIVATE_SUFFIX)
                .size();

        ScaleGate.Outcome outcome = ScaleGate.decide(
                new ScaleGate.Input(
                        decision.desiredScale(),
                        bounds,
                        status.condition(PodAutoscalerStatus.SCALE_TARGET_INITIALIZED)
                                .map(Condition::isTrue)
                                .orElse(false),
                        activity(status),
                        since(status.condition(PodAutoscalerStatus.ACTIVE), now),
                        proxySince(sks),
                        spec.targetBurstCapacity() == -1,
                        activationTimeoutMillis(annotations),
                        now),
                () -> activatorProbe.inPath(directory.readyAddresses(key.namespace(), key.name())));
        int want = outcome.want();
        if (outcome.apply() && deployment != null) {
            scaleDeployment(context, deployment, want);
        }

        boolean proxy = want == 0 || decision.excessBurstCapacity() < 0 || (want == -1 && status.isInactive());
        reconcileMode(
                context,
                sks,
                proxy ? ServerlessServiceSpec.MODE_PROXY : ServerlessServiceSpec.MODE_SERVE,
                decision.numActivators());

        status.setServiceName(sks.getStatus() == null ? null : sks.getStatus().getServiceName());
        status.setMetricsServiceName(
                sks.getStatus() == null ? null : sks.getStatus().getPrivateServiceName());
        if (sksReady(sks)) {
            status.markSksReady();
        } else {
            status.markSksNotReady(sksMessage(sks));
        }
        boolean initialized = status.condition(PodAutoscalerStatus.SCALE_TARGET_INITIALIZED)
                .map(Condition::isTrue)
                .orElse(false);
        ActiveState.apply(
                status,
                ScaleGate.activeThreshold(bounds, initialized),
                want,
                ready,
                outcome.activationTimedOut(),
                status.getServiceName() != null);
        status.setDesiredScale(want);
        status.setActualScale(ready);
        status.setObservedGeneration(pa.getMetadata().getGeneration());
        Duration next = outcome.requeueAfterMillis() >= 0
                ? Duration.ofMillis(Math.min(
                        outcome.requeueAfterMillis(), settings.resyncInterval().toMillis()))
                : settings.resyncInterval();
        return StatusWrites.write(context.getClient(), pa, status, next);
    }

    private static void scaleDeployment(Context<PodAutoscaler> context, Deployment deployment, int want) {
        Integer current = deployment.getSpec().getReplicas();
        if (current != null && current == want) {
            return;
        }
        LOG.infof(
                "Scaling %s/%s from %s to %d",
                deployment.getMetadata().getNamespace(),
                deployment.getMetadata().getName(),
                current,
                want);
        context.getClient()
                .apps()
                .deployments()
                .inNamespace(deployment.getMetadata().getNamespace())
                .withName(deployment.getMetadata().getName())
                .edit(d -> {
                    d.getSpec().setReplicas(want);
                    return d;
                });
    }

    private static void reconcileMode(
            Context<PodAutoscaler> context, ServerlessService sks, String mode, int numActivators) {
        ServerlessServiceSpec spec = sks.getSpec();
        if (mode.equals(spec.getMode()) && Objects.equals(spec.getNumActivators(), numActivators)) {
            return;
        }
        LOG.infof(
                "ServerlessService %s/%s: mode %s -> %s, activators %d",
                sks.getMetadata().getNamespace(), sks.getMetadata().getName(), spec.getMode(), mode, numActivators);
        context.getClient()
                .resources(ServerlessService.class)
                .inNamespace(sks.getMetadata().getNamespace())
                .withName(sks.getMetadata().getName())
                .edit(s -> {
                    s.getSpec().setMode(mode);
                    s.getSpec().setNumActivators(numActivators);
                    return s;
                });
    }

    private static ScaleGate.Activity activity(PodAutoscalerStatus status) {
        if (status.isActive()) {
            return ScaleGate.Activity.ACTIVE;
        }
        return status.isInactive() ? ScaleGate.Activity.INACTIVE : ScaleGate.Activity.ACTIVATING;
    }

    /** When the condition last changed (now when unknown, which makes every "for at least" check wait). */
    static long since(Optional<Condition> condition, long now) {
        return condition
                .map(Condition::getLastTransitionTime)
                .filter(t -> t != null && !t.isBlank())
                .map(t -> {
                    try {
                        return Instant.parse(t).toEpochMilli();
                    } catch (java.time.format.DateTimeParseException e) {
                        return now;
                    }
                })
                .orElse(now);
    }

    /** Since when the ServerlessService has had the activator in the path, −1 if it has not. */
    private static long proxySince(ServerlessService sks) {
        if (sks.getStatus() == null) {
            return -1;
        }
        Optional<Condition> c = sks.getStatus().condition(ServerlessServiceStatus.ACTIVATOR_ENDPOINTS_POPULATED);
        if (c.isEmpty() || !c.get().isTrue()) {
            return -1;
        }
        return since(c, System.currentTimeMillis());
    }

    private long activationTimeoutMillis(Map<String, String> annotations) {
        Duration deadline = Optional.ofNullable(annotations.get(Knative.PROGRESS_DEADLINE_ANNOTATION))
                .flatMap(ConfigStore::parseDeadlineValue)
                .orElse(config.progressDeadline());
        return deadline.toMillis() + ScaleGate.ACTIVATION_TIMEOUT_BUFFER_MILLIS;
    }

    private static boolean sksReady(ServerlessService sks) {
        return sks.getStatus() != null
                && sks.getStatus()
                        .condition(ServerlessServiceStatus.ENDPOINTS_POPULATED)
                        .map(Condition::isTrue)
                        .orElse(false);
    }

    private static String sksMessage(ServerlessService sks) {
        return sks.getStatus() == null
                ? "ServerlessService has no status yet"
                : sks.getStatus()
                        .condition(ServerlessServiceStatus.ENDPOINTS_POPULATED)
                        .map(Condition::getMessage)
                        .orElse("ServerlessService is not ready");
    }
}
