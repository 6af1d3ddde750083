package dev.kinetic.benchmarks.heap;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.podAutoscaler;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.revision;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.serverlessService;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.withConfigurationLabels;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.withReachability;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.withRevisionContainerConcurrency;

import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerStatus;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceStatus;
import dev.kinetic.api.serving.v1.ContainerStatus;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.autoscaler.config.KpaConfig;
import dev.kinetic.autoscaler.kpa.ActiveState;
import dev.kinetic.autoscaler.scaling.Decider;
import dev.kinetic.autoscaler.scaling.DeciderSpec;
import dev.kinetic.autoscaler.sks.PublicEndpoints;
import dev.kinetic.testsupport.fixtures.Options;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * What a cluster holds for one revision scaled to zero, as Kinetic's controllers leave it: the Revision (Ready,
 * Active False for lack of traffic), its Deployment {@code <rev>-deployment} at 0 replicas, owned by the Revision,
 * with the user container and the queue-proxy as the serving controller writes them; its PodAutoscaler (class KPA,
 * Reachable, inactive, initialized); its ServerlessService in Proxy mode; the EndpointSlice of its private Service
 * {@code <rev>-private} with no endpoints; and the EndpointSlice of its public Service listing the activator, as the
 * autoscaler writes it ({@link PublicEndpoints#make}). Statuses are written as the owning controller would, except
 * the PodAutoscaler's {@code observedGeneration}, left for the autoscaler to set, which is how one can tell that it
 * has reconciled every revision.
 *
 * <p>The Deployment follows the serving controller's {@code Deployments.makeDeployment} (labels, selector by revision
 * UID, the queue-proxy's ports, environment, probe and security context) without calling it: the benchmarks do not
 * depend on the controller. Services (private and public) are not created: neither the autoscaler nor the activator
 * reads them.
 */
final class IdleRevisions {
    static final String NAMESPACE = "bench";
    static final String SYSTEM_NAMESPACE = "kinetic-system";
    static final String ACTIVATOR_SERVICE = "kinetic-activator";
    static final String IMAGE_DIGEST = "ghcr.io/knative/helloworld-go@sha256:"
            + "2b6a71ad0d8ee1a5e4a7c4b4b0d3b3bf1a3a5e69b2a4e0f1c2d3e4f5a6b7c8d9";
    static final String QUEUE_IMAGE = "ghcr.io/kinetic/queue-proxy:0.1.0";

    private IdleRevisions() {}

    /** The name of the {@code i}-th revision (of service {@code idle-<i>}). */
    static String name(int i) {
        return String.format(Locale.ROOT, "idle-%05d-00001", i);
    }

    /** The namespaces and the activator's EndpointSlice, which every cluster has whatever its revisions. */
    static EndpointSlice createSystem(KubernetesClient client) {
        for (String ns : List.of(NAMESPACE, SYSTEM_NAMESPACE)) {
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(ns)
                            .endMetadata()
                            .build())
                    .create();
        }
        return client.resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName(ACTIVATOR_SERVICE + "-x7k2p")
                        .withNamespace(SYSTEM_NAMESPACE)
                        .addToLabels(PublicEndpoints.SERVICE_NAME_LABEL, ACTIVATOR_SERVICE)
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addNewEndpoint()
                        .withAddresses("127.0.0.1")
                        .withNewConditions()
                        .withReady(true)
                        .withServing(true)
                        .withTerminating(false)
                        .endConditions()
                        .endEndpoint()
                        .withPorts(
                                slicePort("http", PublicEndpoints.HTTP_PORT),
                                slicePort("http2", PublicEndpoints.H2C_PORT))
                        .build())
                .create();
    }

    /**
     * Creates revisions {@code 0 .. count-1} over {@code threads} connections; {@code progress} hears each count of
     * revisions done (from any thread).
     */
    static void create(KubernetesClient client, EndpointSlice activators, int count, int threads, IntConsumer progress)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                pending.add(pool.submit(() -> {
                    createOne(client, activators, index);
                    return null;
                }));
            }
            int done = 0;
            for (Future<?> f : pending) {
                f.get();
                progress.accept(++done);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One idle revision, each object created after the one it refers to (owner references carry UIDs). */
    static void createOne(KubernetesClient client, EndpointSlice activators, int i) {
        Revision rev = client.resource(idleRevision(i)).create();
        rev.setStatus(revisionStatus(rev));
        rev = client.resource(rev).updateStatus();
        client.resource(deployment(rev)).create();

        PodAutoscaler pa = client.resource(podAutoscalerOf(rev)).create();
        pa.setStatus(podAutoscalerStatus(pa));
        client.resource(pa).updateStatus();

        EndpointSlice privateSlice = client.resource(privateSlice(rev)).create();
        ServerlessService sks = client.resource(serverlessServiceOf(pa)).create();
        PublicEndpoints.Result endpoints = PublicEndpoints.make(sks, List.of(privateSlice), List.of(activators));
        client.resource(endpoints.slice()).create();
        sks.setStatus(serverlessServiceStatus(sks, endpoints));
        client.resource(sks).updateStatus();
    }

    static Revision idleRevision(int i) {
        String service = String.format(Locale.ROOT, "idle-%05d", i);
        Revision rev = revision(
                NAMESPACE,
                name(i),
                withConfigurationLabels(service, 1),
                withRevisionContainerConcurrency(0),
                Options.withLabel(Knative.SERVICE_LABEL, service),
                Options.withLabel(Knative.ROUTING_STATE_LABEL, "active"),
                Options.withAnnotation(Knative.CREATOR_ANNOTATION, "admin"),
                Options.withAnnotation(Knative.ROUTES_ANNOTATION, service),
                Options.withAnnotation(Knative.ROUTING_STATE_MODIFIED_ANNOTATION, "2026-11-21T00:00:00Z"));
        rev.getSpec().setTimeoutSeconds(300L);
        rev.getSpec().setEnableServiceLinks(false);
        Container user = rev.getSpec().getContainers().get(0);
        user.setName("user-container");
        user.setPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                .withContainerPort(8080)
                .withProtocol("TCP")
                .build()));
        user.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(0))
                .endTcpSocket()
                .withSuccessThreshold(1)
                .build());
        rev.getMetadata()
                .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion("serving.knative.dev/v1")
                        .withKind("Configuration")
                        .withName(service)
                        .withUid(uuid(i, 1))
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build()));
        return rev;
    }

    /** Ready, with the image resolved, and not Active: no traffic. */
    static RevisionStatus revisionStatus(Revision rev) {
        RevisionStatus status = new RevisionStatus();
        status.initializeConditions();
        status.markResourcesAvailableTrue();
        status.markContainerHealthyTrue();
        status.markActiveFalse(PodAutoscalerStatus.REASON_NO_TRAFFIC, ActiveState.NO_TRAFFIC_MESSAGE);
        status.setContainerStatuses(
                List.of(new ContainerStatus().setName("user-container").setImageDigest(IMAGE_DIGEST)));
        status.setActualReplicas(0);
        status.setDesiredReplicas(0);
        status.setObservedGeneration(rev.getMetadata().getGeneration());
        return status;
    }

    static Deployment deployment(Revision rev) {
        String name = rev.getMetadata().getName();
        Map<String, String> labels = new TreeMap<>(rev.getMetadata().getLabels());
        labels.remove(Knative.ROUTING_STATE_LABEL);
        labels.put(Knative.REVISION_LABEL, name);
        labels.put(Knative.REVISION_UID_LABEL, rev.getMetadata().getUid());
        labels.put("app", name);
        Map<String, String> annotations = Map.of(Knative.CREATOR_ANNOTATION, "admin");
        Map<String, String> podAnnotations = new TreeMap<>(annotations);
        podAnnotations.put("kubectl.kubernetes.io/default-container", "user-container");
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name + "-deployment")
                .withNamespace(NAMESPACE)
                .withLabels(labels)
                .withAnnotations(annotations)
                .withOwnerReferences(controllerRef(rev))
                .endMetadata()
                .withNewSpec()
                .withReplicas(0)
                .withNewSelector()
                .withMatchLabels(
                        Map.of(Knative.REVISION_UID_LABEL, rev.getMetadata().getUid()))
                .endSelector()
                .withProgressDeadlineSeconds(600)
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
                .withNewSpec()
                .withContainers(userContainer(rev), queueContainer(rev))
                .withEnableServiceLinks(false)
                .withTerminationGracePeriodSeconds(300L)
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .addNewCondition()
                .withType("Available")
                .withStatus("True")
                .withReason("MinimumReplicasAvailable")
                .withMessage("Deployment has minimum availability.")
                .endCondition()
                .addNewCondition()
                .withType("Progressing")
                .withStatus("True")
                .withReason("NewReplicaSetAvailable")
                .withMessage("ReplicaSet \"" + name + "-deployment-5d8f7c9b4\" has successfully progressed.")
                .endCondition()
                .endStatus()
                .build();
    }

    private static Container userContainer(Revision rev) {
        Map<String, String> labels = rev.getMetadata().getLabels();
        return new ContainerBuilder()
                .withName("user-container")
                .withImage(IMAGE_DIGEST)
                .addNewPort()
                .withName("user-port")
                .withContainerPort(8080)
                .withProtocol("TCP")
                .endPort()
                .withEnv(
                        env("PORT", "8080"),
                        env("K_SERVICE", labels.get(Knative.SERVICE_LABEL)),
                        env("K_CONFIGURATION", labels.get(Knative.CONFIGURATION_LABEL)),
                        env("K_REVISION", rev.getMetadata().getName()))
                .withNewLifecycle()
                .withNewPreStop()
                .withNewHttpGet()
                .withPath("/wait-for-drain")
                .withPort(new IntOrString(8022))
                .endHttpGet()
                .endPreStop()
                .endLifecycle()
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    private static Container queueContainer(Revision rev) {
        Map<String, String> labels = rev.getMetadata().getLabels();
        return new ContainerBuilder()
                .withName("queue-proxy")
                .withImage(QUEUE_IMAGE)
                .addNewPort()
                .withName("http-queueadm")
                .withContainerPort(8022)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("http-autometric")
                .withContainerPort(9090)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("http-usermetric")
                .withContainerPort(9091)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("queue-port")
                .withContainerPort(8012)
                .withProtocol("TCP")
                .endPort()
                .addNewPort()
                .withName("https-port")
                .withContainerPort(8112)
                .withProtocol("TCP")
                .endPort()
                .withEnv(
                        env("SERVING_NAMESPACE", NAMESPACE),
                        env("SERVING_SERVICE", labels.get(Knative.SERVICE_LABEL)),
                        env("SERVING_CONFIGURATION", labels.get(Knative.CONFIGURATION_LABEL)),
                        env("SERVING_REVISION", rev.getMetadata().getName()),
                        fieldRef("SERVING_POD", "metadata.name"),
                        fieldRef("SERVING_POD_IP", "status.podIP"),
                        fieldRef("HOST_IP", "status.hostIP"),
                        env("QUEUE_SERVING_PORT", "8012"),
                        env("QUEUE_SERVING_TLS_PORT", "8112"),
                        env("USER_PORT", "8080"),
                        env("CONTAINER_CONCURRENCY", "0"),
                        env("REVISION_TIMEOUT_SECONDS", "300"),
                        env("REVISION_RESPONSE_START_TIMEOUT_SECONDS", "0"),
                        env("REVISION_IDLE_TIMEOUT_SECONDS", "0"),
                        env(
                                "SERVING_READINESS_PROBE",
                                "{\"tcpSocket\":{\"port\":8080,\"host\":\"127.0.0.1\"},\"successThreshold\":1}"),
                        env("ENABLE_MULTI_CONTAINER_PROBES", "false"),
                        env("ENABLE_HTTP2_AUTO_DETECTION", "false"),
                        env("ENABLE_HTTP_FULL_DUPLEX", "false"),
                        env("SYSTEM_NAMESPACE", SYSTEM_NAMESPACE))
                .withNewResources()
                .addToRequests("cpu", new Quantity("25m"))
                .endResources()
                .withNewReadinessProbe()
                .withNewHttpGet()
                .withPath("/")
                .withScheme("HTTP")
                .withPort(new IntOrString(8012))
                .addNewHttpHeader("K-Network-Probe", "queue")
                .endHttpGet()
                .withPeriodSeconds(1)
                .withTimeoutSeconds(1)
                .withSuccessThreshold(1)
                .endReadinessProbe()
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .endSecurityContext()
                .build();
    }

    static PodAutoscaler podAutoscalerOf(Revision rev) {
        PodAutoscaler pa = podAutoscaler(
                NAMESPACE,
                rev.getMetadata().getName(),
                withReachability(PodAutoscalerSpec.REACHABLE),
                Options.withAnnotation(Knative.CLASS_ANNOTATION, Knative.KPA_CLASS),
                Options.withAnnotation(Knative.CREATOR_ANNOTATION, "admin"));
        pa.getMetadata().setLabels(childLabels(rev));
        pa.getMetadata().setOwnerReferences(List.of(controllerRef(rev)));
        return pa;
    }

    /** Scaled to zero for lack of traffic; no {@code observedGeneration}: the autoscaler sets it. */
    static PodAutoscalerStatus podAutoscalerStatus(PodAutoscaler pa) {
        String name = pa.getMetadata().getName();
        PodAutoscalerStatus status = new PodAutoscalerStatus();
        status.initializeConditions();
        status.markScaleTargetInitialized();
        status.markSksReady();
        status.markInactive(PodAutoscalerStatus.REASON_NO_TRAFFIC, ActiveState.NO_TRAFFIC_MESSAGE);
        status.setServiceName(name);
        status.setMetricsServiceName(name + "-private");
        status.setDesiredScale(0);
        status.setActualScale(0);
        return status;
    }

    static ServerlessService serverlessServiceOf(PodAutoscaler pa) {
        ServerlessService sks = serverlessService(NAMESPACE, pa.getMetadata().getName());
        sks.getSpec().setNumActivators(activatorsPerRevision(pa));
        sks.getMetadata().setLabels(new TreeMap<>(pa.getMetadata().getLabels()));
        sks.getMetadata()
                .setOwnerReferences(List.of(new OwnerReferenceBuilder()
                        .withApiVersion(pa.getApiVersion())
                        .withKind(pa.getKind())
                        .withName(pa.getMetadata().getName())
                        .withUid(pa.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build()));
        return sks;
    }

    /** The activators the autoscaler puts in an idle revision's path with the default config (it writes them on the SKS). */
    static int activatorsPerRevision(PodAutoscaler pa) {
        DeciderSpec spec = DeciderSpec.resolve(
                KpaConfig.defaults(),
                pa.getMetadata().getAnnotations(),
                pa.getSpec().getContainerConcurrency(),
                true);
        return Decider.initial(spec, 0, 0).numActivators();
    }

    /** What the autoscaler's ServerlessService reconciler writes for the public slice it made. */
    static ServerlessServiceStatus serverlessServiceStatus(ServerlessService sks, PublicEndpoints.Result endpoints) {
        String name = sks.getMetadata().getName();
        ServerlessServiceStatus status = new ServerlessServiceStatus();
        status.initializeConditions();
        status.setServiceName(name);
        status.setPrivateServiceName(name + "-private");
        if (endpoints.readyEndpoints() > 0) {
            status.markEndpointsReady();
        } else {
            status.markEndpointsNotReady("NoHealthyBackends");
        }
        if (endpoints.activatorsInPath()) {
            status.markActivatorEndpointsPopulated();
        } else {
            status.markActivatorEndpointsRemoved();
        }
        status.setObservedGeneration(sks.getMetadata().getGeneration());
        return status;
    }

    /** The private Service's only slice: its ports, and no endpoint, since no pod runs. */
    static EndpointSlice privateSlice(Revision rev) {
        String service = rev.getMetadata().getName() + "-private";
        Map<String, String> labels = childLabels(rev);
        labels.put(PublicEndpoints.SERVICE_NAME_LABEL, service);
        labels.put(PublicEndpoints.MANAGED_BY_LABEL, "endpointslice-controller.k8s.io");
        labels.put("networking.internal.knative.dev/serviceType", "Private");
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(service + "-5x8kq")
                .withNamespace(NAMESPACE)
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("v1")
                        .withKind("Service")
                        .withName(service)
                        .withUid(uuid(rev.getMetadata().getName().hashCode(), 2))
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withAddressType("IPv4")
                .withPorts(
                        slicePort("http", 8012),
                        slicePort("http-autometric", 9090),
                        slicePort("http-usermetric", 9091),
                        slicePort("http-queueadm", 8022),
                        slicePort("https", 8112))
                .build();
    }

    /** The labels the serving controller gives a revision's children. */
    private static Map<String, String> childLabels(Revision rev) {
        Map<String, String> labels = new TreeMap<>(rev.getMetadata().getLabels());
        labels.remove(Knative.ROUTING_STATE_LABEL);
        labels.put(Knative.REVISION_LABEL, rev.getMetadata().getName());
        labels.put(Knative.REVISION_UID_LABEL, rev.getMetadata().getUid());
        return labels;
    }

    private static OwnerReference controllerRef(Revision rev) {
        return new OwnerReferenceBuilder()
                .withApiVersion(rev.getApiVersion())
                .withKind(rev.getKind())
                .withName(rev.getMetadata().getName())
                .withUid(rev.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static EndpointPort slicePort(String name, int port) {
        return new EndpointPortBuilder()
                .withName(name)
                .withPort(port)
                .withProtocol("TCP")
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVar(name, value, null);
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withApiVersion("v1")
                .withFieldPath(path)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    /** A stable UID for objects this fixture does not create (Configurations, Services). */
    private static String uuid(int i, int kind) {
        return String.format(Locale.ROOT, "00000000-0000-4000-8%03d-%012d", kind, Math.abs(i));
    }
}
