package dev.kinetic.serving.controller.resources;

import static dev.kinetic.serving.controller.resources.TestRevisions.revision;
import static dev.kinetic.serving.controller.resources.TestRevisions.withAnnotation;
import static dev.kinetic.serving.controller.resources.TestRevisions.withPort;
import static dev.kinetic.serving.controller.resources.TestRevisions.withReadiness;
import static dev.kinetic.serving.controller.resources.TestRevisions.withSidecar;
import static dev.kinetic.serving.controller.resources.TestRevisions.withTimeouts;
import static dev.kinetic.serving.controller.resources.TestRevisions.withoutServiceLabel;
import static dev.kinetic.serving.controller.resources.UserContainersTest.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.config.DeploymentConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueueContainerTest {

    private static final RevisionConfig CONFIG = RevisionConfig.shipped();

    private static Container queue(Revision rev, RevisionConfig cfg) {
        List<Container> cs = Deployments.makeDeployment(rev, cfg)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers();
        Container last = cs.get(cs.size() - 1);
        assertThat(last.getName()).isEqualTo("queue-proxy");
        return last;
    }

    private static Container queue(Revision rev) {
        return queue(rev, CONFIG);
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(
                    e.getName(),
                    e.getValueFrom() == null
                            ? e.getValue()
                            : "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath());
        }
        return env;
    }

    @Test
    void plainRevision() {
        Container q = queue(revision());

        assertThat(q.getImage()).isEqualTo("ghcr.io/kinetic-dev/queue-proxy:latest");
        assertThat(q.getPorts())
                .containsExactly(
                        port("http-queueadm", 8022),
                        port("http-autometric", 9090),
                        port("http-usermetric", 9091),
                        port("queue-port", 8012),
                        port("https-port", 8112));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SERVING_NAMESPACE", "default");
        expected.put("SERVING_SERVICE", "hello");
        expected.put("SERVING_CONFIGURATION", "hello");
        expected.put("SERVING_REVISION", "hello-00001");
        expected.put("SERVING_POD", "fieldRef:metadata.name");
        expected.put("SERVING_POD_IP", "fieldRef:status.podIP");
        expected.put("HOST_IP", "fieldRef:status.hostIP");
        expected.put("QUEUE_SERVING_PORT", "8012");
        expected.put("QUEUE_SERVING_TLS_PORT", "8112");
        expected.put("USER_PORT", "8080");
        expected.put("CONTAINER_CONCURRENCY", "0");
        expected.put("REVISION_TIMEOUT_SECONDS", "300");
        expected.put("REVISION_RESPONSE_START_TIMEOUT_SECONDS", "0");
        expected.put("REVISION_IDLE_TIMEOUT_SECONDS", "0");
        expected.put(
                "SERVING_READINESS_PROBE",
                "{\"successThreshold\":1,\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":8080}}");
        expected.put("ENABLE_MULTI_CONTAINER_PROBES", "false");
        expected.put("ENABLE_HTTP2_AUTO_DETECTION", "false");
        expected.put("ENABLE_HTTP_FULL_DUPLEX", "false");
        expected.put("SYSTEM_NAMESPACE", "kinetic-system");
        assertThat(env(q)).containsExactlyEntriesOf(expected);
        assertThat(q.getResources().getRequests()).isEqualTo(Map.of("cpu", new Quantity("25m")));
        assertThat(q.getResources().getLimits()).isNullOrEmpty();
    }

    @Test
    void fieldRefsNameTheirApiVersion() {
        Container q = queue(revision());

        assertThat(q.getEnv().stream().filter(e -> e.getValueFrom() != null))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.getValueFrom().getFieldRef().getApiVersion())
                        .isEqualTo("v1"));
    }

    @Test
    void h2cRevision() {
        Container q = queue(revision(withPort("h2c", 8081)));

        assertThat(q.getPorts()).contains(port("queue-port", 8013)).doesNotContain(port("queue-port", 8012));
        assertThat(env(q)).containsEntry("QUEUE_SERVING_PORT", "8013").containsEntry("USER_PORT", "8081");
        assertThat(q.getReadinessProbe().getHttpGet().getPort()).isEqualTo(new IntOrString(8013));
    }

    @Test
    void requestSettingsComeFromTheSpec() {
        Revision rev = revision(
                withTimeouts(120, 30L, 10L),
                r -> r.getSpec().setContainerConcurrency(7L),
                withoutServiceLabel(),
                withAnnotation(QueueContainer.FULL_DUPLEX_ANNOTATION, "Enabled"));

        Map<String, String> env = env(queue(rev));

        assertThat(env)
                .containsEntry("REVISION_TIMEOUT_SECONDS", "120")
                .containsEntry("REVISION_RESPONSE_START_TIMEOUT_SECONDS", "30")
                .containsEntry("REVISION_IDLE_TIMEOUT_SECONDS", "10")
                .containsEntry("CONTAINER_CONCURRENCY", "7")
                .containsEntry("SERVING_SERVICE", "")
                .containsEntry("ENABLE_HTTP_FULL_DUPLEX", "true");
    }

    @Test
    void featureFlagsAndSystemNamespaceReachTheEnvironment() {
        RevisionConfig cfg = new RevisionConfig(
                CONFIG.deployment(),
                CONFIG.defaults(),
                CONFIG.autoscaler(),
                FeaturesConfig.fromMap(Map.of("autodetect-http2", "enabled")).config(),
                "serverless");

        Map<String, String> env = env(queue(revision(), cfg));

        assertThat(env)
                .containsEntry("ENABLE_HTTP2_AUTO_DETECTION", "true")
                .containsEntry("SYSTEM_NAMESPACE", "serverless");
    }

    static Stream<Arguments> readinessProbes() {
        return Stream.of(
                Arguments.of(
                        "defaulted TCP probe",
                        null,
                        "{\"successThreshold\":1,\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":9000}}"),
                Arguments.of(
                        "HTTP probe without port",
                        new ProbeBuilder()
                                .withNewHttpGet()
                                .withPath("/ready")
                                .endHttpGet()
                                .withPeriodSeconds(5)
                                .build(),
                        "{\"failureThreshold\":3,\"httpGet\":{\"host\":\"127.0.0.1\",\"httpHeaders\":"
                                + "[{\"name\":\"K-Kubelet-Probe\",\"value\":\"queue\"}],\"path\":\"/ready\","
                                + "\"port\":9000,\"scheme\":\"HTTP\"},\"periodSeconds\":5,\"successThreshold\":1,"
                                + "\"timeoutSeconds\":1}"),
                Arguments.of(
                        "HTTPS probe on a named port, user headers kept first",
                        new ProbeBuilder()
                                .withNewHttpGet()
                                .withPort(new IntOrString("http1"))
                                .withScheme("HTTPS")
                                .withHttpHeaders(new HTTPHeader("X-Check", "1"))
                                .endHttpGet()
                                .build(),
                        "{\"httpGet\":{\"host\":\"127.0.0.1\",\"httpHeaders\":[{\"name\":\"X-Check\","
                                + "\"value\":\"1\"},{\"name\":\"K-Kubelet-Probe\",\"value\":\"queue\"}],"
                                + "\"port\":9000,\"scheme\":\"HTTPS\"},\"successThreshold\":1}"),
                Arguments.of(
                        "HTTP probe on another port",
                        new ProbeBuilder()
                                .withNewHttpGet()
                                .withPath("/health")
                                .withPort(new IntOrString(8090))
                                .endHttpGet()
                                .build(),
                        "{\"httpGet\":{\"host\":\"127.0.0.1\",\"httpHeaders\":[{\"name\":\"K-Kubelet-Probe\","
                                + "\"value\":\"queue\"}],\"path\":\"/health\",\"port\":8090,\"scheme\":\"HTTP\"},"
                                + "\"successThreshold\":1}"),
                Arguments.of(
                        "exec probe becomes TCP",
                        new ProbeBuilder()
                                .withNewExec()
                                .withCommand("true")
                                .endExec()
                                .withPeriodSeconds(2)
                                .build(),
                        "{\"failureThreshold\":3,\"periodSeconds\":2,\"successThreshold\":1,\"tcpSocket\":"
                                + "{\"host\":\"127.0.0.1\",\"port\":9000},\"timeoutSeconds\":1}"),
                Arguments.of(
                        "gRPC probe",
                        new ProbeBuilder()
                                .withNewGrpc()
                                .withService("ready")
                                .endGrpc()
                                .build(),
                        "{\"grpc\":{\"port\":9000,\"service\":\"ready\"},\"successThreshold\":1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readinessProbes")
    void servingReadinessProbe(String name, Probe userProbe, String expectedJson) {
        Consumer<Revision> probe = userProbe == null ? r -> {} : withReadiness(userProbe);
        Revision rev = revision(withPort("http1", 9000), probe);

        assertThat(env(queue(rev))).containsEntry("SERVING_READINESS_PROBE", expectedJson);
    }

    @Test
    void multiContainerProbingEncodesEveryProbeAsAnArray() {
        Probe sidecarProbe = new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString("admin"))
                .endTcpSocket()
                .build();
        Revision rev = revision(
                withSidecar("envoy", sidecarProbe),
                withSidecar("logger", null),
                r -> r.getSpec().getContainers().get(1).setPorts(List.of(port("admin", 9901))));
        RevisionConfig cfg = CONFIG.withFeatures(
                FeaturesConfig.defaults().with(FeaturesConfig.MULTI_CONTAINER_PROBING, FeaturesConfig.Flag.ENABLED));

        Map<String, String> env = env(queue(rev, cfg));

        assertThat(env)
                .containsEntry(
                        "SERVING_READINESS_PROBE",
                        "[{\"successThreshold\":1,\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":8080}},"
                                + "{\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":9901}}]")
                .containsEntry("ENABLE_MULTI_CONTAINER_PROBES", "true");
    }

    static Stream<Arguments> queueReadiness() {
        return Stream.of(
                Arguments.of("aggressive (defaulted)", null, 1, 10, null, 1, null),
                Arguments.of(
                        "user timing inherited",
                        new ProbeBuilder()
                                .withNewHttpGet()
                                .endHttpGet()
                                .withInitialDelaySeconds(4)
                                .withPeriodSeconds(7)
                                .withTimeoutSeconds(2)
                                .withFailureThreshold(5)
                                .withSuccessThreshold(2)
                                .build(),
                        7,
                        2,
                        4,
                        2,
                        5),
                Arguments.of(
                        "defaulted thresholds",
                        new ProbeBuilder()
                                .withNewTcpSocket()
                                .endTcpSocket()
                                .withPeriodSeconds(3)
                                .build(),
                        3,
                        1,
                        null,
                        1,
                        3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queueReadiness")
    void queueReadinessProbe(
            String name,
            Probe userProbe,
            Integer period,
            Integer timeout,
            Integer initialDelay,
            Integer success,
            Integer failure) {
        Consumer<Revision> probe = userProbe == null ? r -> {} : withReadiness(userProbe);

        Probe p = queue(revision(probe)).getReadinessProbe();

        assertThat(p.getHttpGet().getPort()).isEqualTo(new IntOrString(8012));
        assertThat(p.getHttpGet().getPath()).isEqualTo("/");
        assertThat(p.getHttpGet().getScheme()).isEqualTo("HTTP");
        assertThat(p.getHttpGet().getHttpHeaders()).containsExactly(new HTTPHeader("K-Network-Probe", "queue"));
        assertThat(p.getTcpSocket()).isNull();
        assertThat(p.getExec()).isNull();
        assertThat(p.getPeriodSeconds()).isEqualTo(period);
        assertThat(p.getTimeoutSeconds()).isEqualTo(timeout);
        assertThat(p.getInitialDelaySeconds()).isEqualTo(initialDelay);
        assertThat(p.getSuccessThreshold()).isEqualTo(success);
        assertThat(p.getFailureThreshold()).isEqualTo(failure);
    }

    static Stream<Arguments> resources() {
        String prefix = "queue.sidecar.serving.knative.dev/";
        return Stream.of(
                Arguments.of("shipped", Map.of(), Map.of(), Map.of("cpu", "25m"), Map.of()),
                Arguments.of(
                        "config",
                        Map.of(
                                "queue-sidecar-cpu-request", "100m",
                                "queue-sidecar-memory-request", "50Mi",
                                "queue-sidecar-cpu-limit", "1",
                                "queue-sidecar-memory-limit", "200Mi",
                                "queue-sidecar-ephemeral-storage-request", "100Mi",
                                "queue-sidecar-ephemeral-storage-limit", "1Gi"),
                        Map.of(),
                        Map.of("cpu", "100m", "memory", "50Mi", "ephemeral-storage", "100Mi"),
                        Map.of("cpu", "1", "memory", "200Mi", "ephemeral-storage", "1Gi")),
                Arguments.of(
                        "annotations",
                        Map.of(),
                        Map.of(
                                prefix + "cpu-resource-request", "300m",
                                prefix + "cpu-resource-limit", "500m",
                                prefix + "memory-resource-request", "10M",
                                prefix + "memory-resource-limit", "20M",
                                prefix + "ephemeral-storage-resource-request", "1Gi",
                                prefix + "ephemeral-storage-resource-limit", "2Gi"),
                        Map.of("cpu", "300m", "memory", "10M", "ephemeral-storage", "1Gi"),
                        Map.of("cpu", "500m", "memory", "20M", "ephemeral-storage", "2Gi")),
                Arguments.of(
                        "annotations override config key by key",
                        Map.of("queue-sidecar-cpu-request", "100m", "queue-sidecar-memory-limit", "200Mi"),
                        Map.of(prefix + "memory-resource-limit", "300Mi"),
                        Map.of("cpu", "100m"),
                        Map.of("memory", "300Mi")),
                Arguments.of(
                        "an invalid annotation is ignored",
                        Map.of(),
                        Map.of(prefix + "cpu-resource-request", "lots"),
                        Map.of("cpu", "25m"),
                        Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void resources(
            String name,
            Map<String, String> configMap,
            Map<String, String> annotations,
            Map<String, String> requests,
            Map<String, String> limits) {
        Revision rev = revision(TestRevisions.withAnnotations(annotations));
        RevisionConfig cfg =
                CONFIG.withDeployment(DeploymentConfig.fromMap(configMap).config());

        Container q = queue(rev, cfg);

        assertThat(q.getResources().getRequests()).isEqualTo(quantities(requests));
        if (limits.isEmpty()) {
            assertThat(q.getResources().getLimits()).isNullOrEmpty();
        } else {
            assertThat(q.getResources().getLimits()).isEqualTo(quantities(limits));
        }
    }

    private static Map<String, Quantity> quantities(Map<String, String> texts) {
        Map<String, Quantity> result = new TreeMap<>();
        texts.forEach((k, v) -> result.put(k, new Quantity(v)));
        return result;
    }

    @Test
    void theImageComesFromConfig() {
        RevisionConfig cfg = CONFIG.withDeployment(
                DeploymentConfig.fromMap(Map.of("queue-sidecar-image", "registry.example.com/qp@sha256:123"))
                        .config());

        assertThat(queue(revision(), cfg).getImage()).isEqualTo("registry.example.com/qp@sha256:123");
    }

    @Test
    void securityContextIsLockedDown() {
        var sc = queue(revision()).getSecurityContext();

        assertThat(sc.getRunAsNonRoot()).isTrue();
        assertThat(sc.getReadOnlyRootFilesystem()).isTrue();
        assertThat(sc.getAllowPrivilegeEscalation()).isFalse();
        assertThat(sc.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(sc.getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(sc.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }
}
