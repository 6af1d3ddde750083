package dev.kinetic.api.serving;

import static dev.kinetic.api.KindInfo.READY;
import static dev.kinetic.api.KindInfo.REASON;
import static dev.kinetic.api.KindInfo.column;

import dev.kinetic.api.KindInfo;
import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerAdmission;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceAdmission;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.ServingAdmission;
import java.util.List;
import java.util.Map;

/** The serving kinds (and the internal autoscaling and networking ones), with what their CRDs need. */
public final class ServingKinds {
    private ServingKinds() {}

    private static final List<String> SERVING_CATEGORIES = List.of("all", "knative", "serving");
    private static final Map<String, String> SERVING_LABELS =
            Map.of(Knative.CRD_INSTALL_LABEL, "true", "app.kubernetes.io/name", "kinetic-serving");
    private static final Map<String, String> ADDRESSABLE_LABELS = Map.of(
            Knative.CRD_INSTALL_LABEL,
            "true",
            "app.kubernetes.io/name",
            "kinetic-serving",
            Knative.ADDRESSABLE_DUCK_LABEL,
            "true");

    public static final List<KindInfo> ALL = List.of(
            new KindInfo(
                    Service.class,
                    ServingAdmission.SERVICE,
                    "Service acts as a top-level container that manages a Route and Configuration which implement a"
                            + " network service.",
                    SERVING_CATEGORIES,
                    ADDRESSABLE_LABELS,
                    List.of(
                            column("URL", ".status.url"),
                            column("LatestCreated", ".status.latestCreatedRevisionName"),
                            column("LatestReady", ".status.latestReadyRevisionName"),
                            READY,
                            REASON)),
            new KindInfo(
                    Configuration.class,
                    ServingAdmission.CONFIGURATION,
                    "Configuration represents the \"floating HEAD\" of a linear history of Revisions.",
                    SERVING_CATEGORIES,
                    SERVING_LABELS,
                    List.of(
                            column("LatestCreated", ".status.latestCreatedRevisionName"),
                            column("LatestReady", ".status.latestReadyRevisionName"),
                            READY,
                            REASON)),
            new KindInfo(
                    Revision.class,
                    ServingAdmission.REVISION,
                    "Revision is an immutable snapshot of code and configuration.",
                    SERVING_CATEGORIES,
                    SERVING_LABELS,
                    List.of(
                            column("Config Name", ".metadata.labels['serving\\.knative\\.dev/configuration']"),
                            column("Generation", ".metadata.labels['serving\\.knative\\.dev/configurationGeneration']"),
                            READY,
                            REASON,
                            column("Actual Replicas", "integer", ".status.actualReplicas"),
                            column("Desired Replicas", "integer", ".status.desiredReplicas"))),
            new KindInfo(
                    Route.class,
                    ServingAdmission.ROUTE,
                    "Route is responsible for configuring ingress over a collection of Revisions.",
                    SERVING_CATEGORIES,
                    ADDRESSABLE_LABELS,
                    List.of(column("URL", ".status.url"), READY, REASON)),
            new KindInfo(
                    PodAutoscaler.class,
                    PodAutoscalerAdmission.INSTANCE,
                    "PodAutoscaler is a Knative abstraction that encapsulates the interface by which Knative"
                            + " components instantiate autoscalers.",
                    List.of("knative-internal", "autoscaling"),
                    SERVING_LABELS,
                    List.of(
                            column("DesiredScale", "integer", ".status.desiredScale"),
                            column("ActualScale", "integer", ".status.actualScale"),
                            READY,
                            REASON)),
            new KindInfo(
                    ServerlessService.class,
                    ServerlessServiceAdmission.INSTANCE,
                    "ServerlessService is a proxy for the K8s service objects containing the endpoints for the"
                            + " revision, whether those are endpoints of the activator or revision pods.",
                    List.of("knative-internal", "networking"),
                    SERVING_LABELS,
                    List.of(
                            column("Mode", ".spec.mode"),
                            column("Activators", "integer", ".spec.numActivators"),
                            column("ServiceName", ".status.serviceName"),
                            column("PrivateServiceName", ".status.privateServiceName"),
                            READY,
                            REASON)));
}
