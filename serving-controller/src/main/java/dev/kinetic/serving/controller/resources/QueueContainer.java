package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionSpec;
import dev.kinetic.serving.controller.config.DeploymentConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The {@code queue-proxy} sidecar of a revision pod. */
public final class QueueContainer {
    private QueueContainer() {}

    /** The sidecar's container name, reserved in user specs. */
    public static final String NAME = "queue-proxy";

    /** Revision annotation opting into full-duplex HTTP/1 in the queue-proxy. */
    public static final String FULL_DUPLEX_ANNOTATION = "features.knative.dev/http-full-duplex";

    /** {@code config-features} flag letting the queue-proxy sniff HTTP/2 on its HTTP/1 port. */
    public static final String AUTODETECT_HTTP2_FLAG = "autodetect-http2";

    /**
     * The sidecar: image and resources from {@code config-deployment} (per-revision
     * {@code queue.sidecar.serving.knative.dev/*-resource-*} annotations override), the fixed ports, the environment
     * the queue-proxy reads its settings from, a readiness probe delegating to the user's, and a locked-down security
     * context since it runs in every user pod.
     */
    public static Container make(Revision rev, RevisionConfig cfg) {
        int servingPort = Ports.queueServingPort(rev);
        Optional<Container> serving = RevisionContainers.serving(rev);
        Probe userReadiness = serving.map(Container::getReadinessProbe).orElse(null);
        return new ContainerBuilder()
                .withName(NAME)
                .withImage(cfg.deployment().queueSidecarImage())
                .withPorts(ports(servingPort))
                .withEnv(env(rev, cfg, servingPort))
                .withResources(resources(rev, cfg.deployment()))
                .withReadinessProbe(Probes.queueReadiness(userReadiness, servingPort))
                .withSecurityContext(securityContext())
                .build();
    }

    private static List<ContainerPort> ports(int servingPort) {
        return List.of(
                port(Ports.QUEUE_ADMIN_PORT_NAME, Ports.QUEUE_ADMIN),
                port(Ports.AUTOSCALING_METRICS_PORT_NAME, Ports.AUTOSCALING_METRICS),
                port(Ports.USER_METRICS_PORT_NAME, Ports.USER_METRICS),
                port(Ports.QUEUE_PORT_NAME, servingPort),
                port(Ports.QUEUE_HTTPS_PORT_NAME, Ports.QUEUE_HTTPS));
    }

    private static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder()
                .withName(name)
                .withContainerPort(number)
                .withProtocol("TCP")
                .build();
    }

    private static List<EnvVar> env(Revision rev, RevisionConfig cfg, int servingPort) {
        RevisionSpec spec = rev.getSpec() == null ? new RevisionSpec() : rev.getSpec();
        long timeout = positiveOr(spec.getTimeoutSeconds(), cfg.defaults().revisionTimeoutSeconds());
        long concurrency = spec.getContainerConcurrency() == null
                ? cfg.defaults().containerConcurrency()
                : spec.getContainerConcurrency();
        boolean multiContainerProbing = cfg.features().on(FeaturesConfig.MULTI_CONTAINER_PROBING);
        String fullDuplex = RevisionMeta.annotation(rev, FULL_DUPLEX_ANNOTATION);
        List<EnvVar> env = new ArrayList<>();
        env.add(value("SERVING_NAMESPACE", rev.getMetadata().getNamespace()));
        env.add(value("SERVING_SERVICE", RevisionMeta.label(rev, Knative.SERVICE_LABEL)));
        env.add(value("SERVING_CONFIGURATION", RevisionMeta.label(rev, Knative.CONFIGURATION_LABEL)));
        env.add(value("SERVING_REVISION", rev.getMetadata().getName()));
        env.add(fieldRef("SERVING_POD", "metadata.name"));
        env.add(fieldRef("SERVING_POD_IP", "status.podIP"));
        env.add(fieldRef("HOST_IP", "status.hostIP"));
        env.add(value("QUEUE_SERVING_PORT", servingPort));
        env.add(value("QUEUE_SERVING_TLS_PORT", Ports.QUEUE_HTTPS));
        env.add(value("USER_PORT", Ports.userPort(rev)));
        env.add(value("CONTAINER_CONCURRENCY", concurrency));
        env.add(value("REVISION_TIMEOUT_SECONDS", timeout));
        env.add(value("REVISION_RESPONSE_START_TIMEOUT_SECONDS", positiveOr(spec.getResponseStartTimeoutSeconds(), 0)));
        env.add(value("REVISION_IDLE_TIMEOUT_SECONDS", positiveOr(spec.getIdleTimeoutSeconds(), 0)));
        env.add(value("SERVING_READINESS_PROBE", readinessProbes(rev, multiContainerProbing)));
        env.add(value("ENABLE_MULTI_CONTAINER_PROBES", Boolean.toString(multiContainerProbing)));
        env.add(value(
                "ENABLE_HTTP2_AUTO_DETECTION", Boolean.toString(cfg.features().on(AUTODETECT_HTTP2_FLAG))));
        env.add(value("ENABLE_HTTP_FULL_DUPLEX", Boolean.toString("enabled".equalsIgnoreCase(fullDuplex))));
        env.add(value("SYSTEM_NAMESPACE", cfg.systemNamespace()));
        return env;
    }

    /**
     * The JSON of the probes the queue-proxy runs: the serving container's, and with multi-container probing also
     * every sidecar's HTTP, TCP or gRPC readiness probe, as an array.
     */
    static String readinessProbes(Revision rev, boolean multiContainerProbing) {
        List<Container> containers = RevisionContainers.all(rev);
        int serving = RevisionContainers.servingIndex(rev);
        int userPort = Ports.userPort(rev);
        List<Probe> probes = new ArrayList<>();
        probes.add(Probes.forQueueProxy(
                serving < 0 ? null : containers.get(serving).getReadinessProbe(), userPort));
        if (multiContainerProbing) {
            for (int i = 0; i < containers.size(); i++) {
                if (i != serving && Probes.runByQueueProxy(containers.get(i).getReadinessProbe())) {
                    probes.add(Probes.forQueueProxy(containers.get(i)));
                }
            }
        }
        return Probes.encode(probes, multiContainerProbing);
    }

    /** The config's requests and limits, each overridden by the revision's annotation when that is a quantity. */
    static ResourceRequirements resources(Revision rev, DeploymentConfig config) {
        Map<String, Quantity> requests = new TreeMap<>(config.queueSidecarRequests());
        Map<String, Quantity> limits = new TreeMap<>(config.queueSidecarLimits());
        for (String resource : DeploymentConfig.RESOURCES) {
            override(rev, resource + "-resource-request", requests, resource);
            override(rev, resource + "-resource-limit", limits, resource);
        }
        return new ResourceRequirementsBuilder()
                .withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits)
                .build();
    }

    private static void override(Revision rev, String suffix, Map<String, Quantity> target, String resource) {
        String text = RevisionMeta.annotation(rev, Knative.QUEUE_SIDECAR_PREFIX + suffix);
        if (text != null) {
            DeploymentConfig.parseQuantity(text).ifPresent(q -> target.put(resource, q));
        }
    }

    private static SecurityContext securityContext() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withNewCapabilities()
                .withDrop("ALL")
                .endCapabilities()
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build();
    }

    private static EnvVar value(String name, Object value) {
        return new EnvVar(name, value == null ? "" : String.valueOf(value), null);
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

    private static long positiveOr(Long value, long fallback) {
        return value == null || value <= 0 ? fallback : value;
    }
}
