package dev.kinetic.serving.controller.resources;

import static dev.kinetic.serving.controller.resources.TestRevisions.revision;
import static dev.kinetic.serving.controller.resources.TestRevisions.withLiveness;
import static dev.kinetic.serving.controller.resources.TestRevisions.withPort;
import static dev.kinetic.serving.controller.resources.TestRevisions.withReadiness;
import static dev.kinetic.serving.controller.resources.TestRevisions.withSidecar;
import static dev.kinetic.serving.controller.resources.TestRevisions.withoutServiceLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserContainersTest {

    private static final RevisionConfig CONFIG = RevisionConfig.shipped();

    private static List<Container> containers(Revision rev, RevisionConfig cfg) {
        return Deployments.makeDeployment(rev, cfg)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers();
    }

    private static Container serving(Revision rev) {
        return containers(rev, CONFIG).get(0);
    }

    private static List<String> env(Container c) {
        return c.getEnv().stream().map(e -> e.getName() + "=" + e.getValue()).toList();
    }

    @Test
    void plainRevision() {
        Container c = serving(revision(r -> r.getSpec()
                .getContainers()
                .get(0)
                .setEnv(new ArrayList<>(List.of(new EnvVar("GREETING", "hi", null))))));

        assertThat(c.getName()).isEqualTo("user-container");
        assertThat(c.getImage()).isEqualTo("ghcr.io/knative/helloworld-go:latest");
        assertThat(c.getPorts()).containsExactly(port("user-port", 8080));
        assertThat(env(c))
                .containsExactly(
                        "GREETING=hi",
                        "PORT=8080",
                        "K_SERVICE=hello",
                        "K_CONFIGURATION=hello",
                        "K_REVISION=hello-00001");
        assertThat(c.getReadinessProbe()).isNull();
        assertThat(c.getLivenessProbe()).isNull();
        assertThat(c.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        LifecycleHandler preStop = c.getLifecycle().getPreStop();
        assertThat(preStop.getHttpGet().getPath()).isEqualTo("/wait-for-drain");
        assertThat(preStop.getHttpGet().getPort()).isEqualTo(new IntOrString(8022));
    }

    @Test
    void aDeclaredPortBecomesTheUserPort() {
        Container c = serving(revision(withPort("http1", 9000)));

        assertThat(c.getPorts()).containsExactly(port("user-port", 9000));
        assertThat(env(c)).contains("PORT=9000");
    }

    @Test
    void anH2cPortIsRenamedLikeAnyOther() {
        Container c = serving(revision(withPort("h2c", 8081)));

        assertThat(c.getPorts()).containsExactly(port("user-port", 8081));
        assertThat(env(c)).contains("PORT=8081");
    }

    @Test
    void withoutAServiceKServiceIsEmpty() {
        Container c = serving(revision(withoutServiceLabel()));

        assertThat(c.getEnv()).contains(new EnvVar("K_SERVICE", "", null));
    }

    @Test
    void anExecReadinessProbeStaysForTheKubelet() {
        Probe exec = new ProbeBuilder()
                .withNewExec()
                .withCommand("cat", "/tmp/ready")
                .endExec()
                .withPeriodSeconds(5)
                .build();

        Container c = serving(revision(withReadiness(exec)));

        assertThat(c.getReadinessProbe().getExec().getCommand()).containsExactly("cat", "/tmp/ready");
    }

    static Stream<Arguments> livenessProbes() {
        return Stream.of(
                Arguments.of("HTTP without port", httpProbe(null), new IntOrString(9000)),
                Arguments.of("HTTP with a named port", httpProbe(new IntOrString("http1")), new IntOrString(9000)),
                Arguments.of("HTTP with port 0", httpProbe(new IntOrString(0)), new IntOrString(9000)),
                Arguments.of("HTTP on another port keeps it", httpProbe(new IntOrString(9100)), new IntOrString(9100)),
                Arguments.of(
                        "TCP without port",
                        new ProbeBuilder().withNewTcpSocket().endTcpSocket().build(),
                        new IntOrString(9000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("livenessProbes")
    void livenessProbeIsKeptAndAimedAtTheUserPort(String name, Probe liveness, IntOrString expectedPort) {
        Container c = serving(revision(withPort("http1", 9000), withLiveness(liveness)));

        Probe probe = c.getLivenessProbe();
        IntOrString port = probe.getHttpGet() != null
                ? probe.getHttpGet().getPort()
                : probe.getTcpSocket().getPort();
        assertThat(port).isEqualTo(expectedPort);
        assertThat(probe.getPeriodSeconds()).isEqualTo(liveness.getPeriodSeconds());
    }

    @Test
    void aGrpcLivenessProbeGetsTheUserPort() {
        Probe grpc =
                new ProbeBuilder().withNewGrpc().withService("health").endGrpc().build();

        Container c = serving(revision(withPort("h2c", 9000), withLiveness(grpc)));

        assertThat(c.getLivenessProbe().getGrpc().getPort()).isEqualTo(9000);
        assertThat(c.getLivenessProbe().getGrpc().getService()).isEqualTo("health");
    }

    @Test
    void multiContainer() {
        Probe sidecarReadiness = httpProbe(new IntOrString(9500));
        Revision rev = revision(withSidecar("envoy", sidecarReadiness));

        List<Container> cs = containers(rev, CONFIG);

        assertThat(cs).extracting(Container::getName).containsExactly("user-container-0", "envoy", "queue-proxy");
        Container user = cs.get(0);
        Container sidecar = cs.get(1);
        assertThat(env(user))
                .containsExactly("PORT=8080", "K_SERVICE=hello", "K_CONFIGURATION=hello", "K_REVISION=hello-00001");
        assertThat(user.getPorts()).containsExactly(port("user-port", 8080));
        assertThat(env(sidecar)).containsExactly("K_SERVICE=hello", "K_CONFIGURATION=hello", "K_REVISION=hello-00001");
        assertThat(sidecar.getPorts()).isNullOrEmpty();
        assertThat(sidecar.getLifecycle().getPreStop().getHttpGet().getPath()).isEqualTo("/wait-for-drain");
        // Without multi-container probing the kubelet keeps running the sidecar's own probe.
        assertThat(sidecar.getReadinessProbe()).isEqualTo(sidecarReadiness);
        assertThat(user.getReadinessProbe()).isNull();
        assertThat(Deployments.makeDeployment(rev, CONFIG)
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry(Deployments.DEFAULT_CONTAINER_ANNOTATION, "user-container-0");
    }

    @Test
    void theServingContainerIsTheOneWithThePortWhereverItIs() {
        Revision rev = revision(withSidecar("envoy", null), r -> {
            List<Container> cs = r.getSpec().getContainers();
            cs.get(1).setPorts(cs.get(0).getPorts());
            cs.get(0).setPorts(null);
        });

        List<Container> cs = containers(rev, CONFIG);

        assertThat(cs.get(0).getPorts()).isNullOrEmpty();
        assertThat(env(cs.get(0))).doesNotContain("PORT=8080");
        assertThat(cs.get(1).getPorts()).containsExactly(port("user-port", 8080));
        assertThat(env(cs.get(1))).contains("PORT=8080");
    }

    @Test
    void withMultiContainerProbingTheQueueProxyTakesOverSidecarProbes() {
        Revision rev = revision(withSidecar("envoy", httpProbe(new IntOrString(9500))));
        RevisionConfig cfg = CONFIG.withFeatures(
                FeaturesConfig.defaults().with(FeaturesConfig.MULTI_CONTAINER_PROBING, FeaturesConfig.Flag.ENABLED));

        assertThat(containers(rev, cfg).get(1).getReadinessProbe()).isNull();
    }

    static Probe httpProbe(IntOrString port) {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath("/healthz")
                .withPort(port)
                .endHttpGet()
                .withPeriodSeconds(3)
                .build();
    }

    static ContainerPort port(String name, int number) {
        return new ContainerPortBuilder()
                .withName(name)
                .withContainerPort(number)
                .withProtocol("TCP")
                .build();
    }
}
