package dev.kinetic.e2e;

import dev.kinetic.testsupport.fixtures.ServingFixtures;
import dev.kinetic.testsupport.gateway.TestGateway;
import dev.kinetic.testsupport.kubelet.ContainerRuntimes;
import dev.kinetic.testsupport.kubelet.FakeKubelet;
import dev.kinetic.testsupport.kubelet.JavaProcessRuntime;
import dev.kinetic.testsupport.kubelet.SampleAppRuntime;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kinetic's serving half on one machine, for end-to-end tests: the serving controller, the autoscaler and the
 * activator as real processes built by this reactor, talking to the Kubernetes test server; the fake kubelet running
 * each pod as a real queue-proxy process in front of an in-process sample app, on the pod's own loopback IP; and the
 * test gateway following the HTTPRoutes. Timings are shortened through {@code config-autoscaler} (6 s stable window,
 * 2 s grace), the only difference from the shipped defaults.
 */
final class Platform implements AutoCloseable {
    static final String SYSTEM_NAMESPACE = "kinetic-system";
    static final String QUEUE_IMAGE = "kinetic.dev/queue-proxy";
    static final String APP_IMAGE = "kinetic.dev/sample-app";
    static final String ACTIVATOR_IP = "127.1.0.1";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final List<AutoCloseable> parts = new ArrayList<>();
    final SampleAppRuntime apps = new SampleAppRuntime();
    final TestGateway gateway;
    final FakeKubelet kubelet;

    private Platform(KubernetesClient client) throws Exception {
        Path root = Path.of(System.getProperty("kinetic.root", ".."));
        Path logs = Path.of("target", "e2e-logs");
        String api = client.getMasterUrl().toString();
        config(client);
        activatorEndpoints(client);

        int autoscalerPort = freePort();
        Component autoscaler = Component.start(
                        "autoscaler",
                        root.resolve("autoscaler/target/quarkus-app/quarkus-run.jar"),
                        quarkusArgs(api, autoscalerPort),
                        Map.of(),
                        logs)
                .awaitReady("http://127.0.0.1:" + autoscalerPort + "/q/health/ready", null, null, STARTUP);
        parts.add(autoscaler);

        Component activator = Component.start(
                        "activator",
                        root.resolve("activator/target/kinetic-activator.jar"),
                        JavaProcessRuntime.readJvmFlags(root.resolve("activator/jvm.flags")),
                        Map.of(
                                "ACTIVATOR_BIND_ADDRESS",
                                ACTIVATOR_IP,
                                "POD_IP",
                                ACTIVATOR_IP,
                                "POD_NAME",
                                "kinetic-activator-0",
                                "AUTOSCALER_URL",
                                "ws://127.0.0.1:" + autoscalerPort + "/ws",
                                "KUBERNETES_MASTER",
                                api,
                                "KUBERNETES_TRUST_CERTIFICATES",
                                "true",
                                "KUBERNETES_AUTH_TRYKUBECONFIG",
                                "false",
                                "KUBERNETES_NAMESPACE",
                                SYSTEM_NAMESPACE),
                        logs)
                .awaitReady("http://" + ACTIVATOR_IP + ":8012/healthz", "K-Network-Probe", "activator", STARTUP);
        parts.add(activator);

        int controllerPort = freePort();
        Component controller = Component.start(
                        "serving-controller",
                        root.resolve("serving-controller/target/quarkus-app/quarkus-run.jar"),
                        withWebhookOff(quarkusArgs(api, controllerPort)),
                        Map.of(),
                        logs)
                .awaitReady("http://127.0.0.1:" + controllerPort + "/q/health/ready", null, null, STARTUP);
        parts.add(controller);

        kubelet = new FakeKubelet(
                        client,
                        ContainerRuntimes.of()
                                .image(
                                        QUEUE_IMAGE,
                                        JavaProcessRuntime.jar(
                                                root.resolve("queue-proxy/target/kinetic-queue-proxy.jar"),
                                                JavaProcessRuntime.readJvmFlags(root.resolve("queue-proxy/jvm.flags")),
                                                ip -> JavaProcessRuntime.queueProxyEnv(
                                                        ip, Map.of("DRAIN_PERIOD_SECONDS", "2"))))
                                .image(APP_IMAGE, apps),
                        FakeKubelet.Options.defaults()
                                .withLogDirectory(logs.resolve("pods"))
                                .withTerminationGracePeriod(Duration.ofSeconds(10)))
                .start();
        parts.add(kubelet);
        parts.add(apps);
        gateway = TestGateway.start(
                client, TestGateway.Options.defaults().withHost("127.0.0.1").withPort(0));
        parts.add(gateway);
    }

    static Platform start(KubernetesClient client) throws Exception {
        return new Platform(client);
    }

    private static List<String> quarkusArgs(String api, int port) {
        return new ArrayList<>(List.of(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.kubernetes-client.api-server-url=" + api,
                "-Dquarkus.kubernetes-client.trust-certs=true",
                "-Dquarkus.kubernetes-client.devservices.enabled=false",
                "-Dkinetic.exit-on-lost-lease=false",
                "-Dkinetic.resync-interval=PT5S",
                "-Xmx256m"));
    }

    private static List<String> withWebhookOff(List<String> args) {
        // Objects are written as the webhook would have admitted them (the test server calls no webhooks).
        args.add("-Dkinetic.webhook.enabled=false");
        return args;
    }

    private static void config(KubernetesClient client) {
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("config-autoscaler")
                        .withNamespace(SYSTEM_NAMESPACE)
                        .endMetadata()
                        .addToData("stable-window", "6s")
                        .addToData("scale-to-zero-grace-period", "2s")
                        .addToData("allow-zero-initial-scale", "true")
                        .build())
                .create();
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("config-deployment")
                        .withNamespace(SYSTEM_NAMESPACE)
                        .endMetadata()
                        .addToData("queue-sidecar-image", QUEUE_IMAGE)
                        .build())
                .create();
    }

    /** What the EndpointSlice controller would write for the activator's Service. */
    private static void activatorEndpoints(KubernetesClient client) {
        client.resource(ServingFixtures.readyEndpoints(
                        SYSTEM_NAMESPACE, "kinetic-activator-e2e", "kinetic-activator", ACTIVATOR_IP))
                .create();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = parts.size() - 1; i >= 0; i--) {
            parts.get(i).close();
        }
    }
}
