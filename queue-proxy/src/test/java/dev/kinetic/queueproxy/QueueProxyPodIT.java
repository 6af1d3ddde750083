package dev.kinetic.queueproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.testsupport.app.SampleApp;
import dev.kinetic.testsupport.kube.WithKineticApi;
import dev.kinetic.testsupport.kubelet.ContainerRuntime;
import dev.kinetic.testsupport.kubelet.ContainerRuntimes;
import dev.kinetic.testsupport.kubelet.FakeKubelet;
import dev.kinetic.testsupport.kubelet.JavaProcessRuntime;
import dev.kinetic.testsupport.kubelet.SampleAppRuntime;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built sidecar ({@code target/kinetic-queue-proxy.jar}, run as the fake kubelet runs it) in a pod shaped like a
 * revision's, in front of a sample app listening on the pod's own loopback IP: the kubelet's probe through the
 * queue-proxy, requests, the stat, and the drain on scale-down.
 */
@WithKineticApi
class QueueProxyPodIT {
    private static final String NS = "pod";

    @Test
    void aRevisionShapedPodBecomesReadyServesAndDrainsOnScaleDown(KubernetesClient client) throws Exception {
        ContainerRuntime queueProxy = JavaProcessRuntime.jar(
                Path.of("target", "kinetic-queue-proxy.jar"),
                JavaProcessRuntime.readJvmFlags(Path.of("jvm.flags")),
                ip -> JavaProcessRuntime.queueProxyEnv(ip, Map.of("DRAIN_PERIOD_SECONDS", "1")));
        try (SampleAppRuntime apps = new SampleAppRuntime();
                FakeKubelet kubelet = new FakeKubelet(
                                client,
                                ContainerRuntimes.of()
                                        .image("kinetic/sample-app", apps)
                                        .image("kinetic/queue-proxy", queueProxy),
                                FakeKubelet.Options.defaults().inNamespace(NS))
                        .start()) {
            client.resource(revisionDeployment()).create();

            Pod pod = await().atMost(Duration.ofSeconds(20))
                    .until(() -> pods(client), p -> p.size() == 1 && ready(p.get(0)))
                    .get(0);
            String ip = pod.getStatus().getPodIP();
            String name = pod.getMetadata().getName();
            SampleApp app = apps.app(NS, name).orElseThrow();
            assertThat(app.host()).isEqualTo(ip);

            HttpResponse<String> hello = get(ip, 8012, "/");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).isEqualTo("hello");
            assertThat(app.served()).isEqualTo(1);
            // SERVING_POD came from the downward API (metadata.name), resolved by the kubelet.
            assertThat(new JsonObject(get(ip, 9090, "/").body()).getString("podName"))
                    .isEqualTo(name);

            client.apps()
                    .deployments()
                    .inNamespace(NS)
                    .withName("hello-00001-deployment")
                    .edit(d -> {
                        d.getSpec().setReplicas(0);
                        return d;
                    });
            await().atMost(Duration.ofSeconds(15)).until(() -> pods(client).isEmpty());
            assertThat(listening(ip, 8012)).as("the queue-proxy has exited").isFalse();
            assertThat(apps.app(NS, name)).isEmpty();
        }
    }

    /** What the serving controller makes of a Revision, cut down to what the pod needs to run. */
    private static Deployment revisionDeployment() {
        String probe = "{\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":8080},\"successThreshold\":1}";
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("hello-00001-deployment")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("serving.knative.dev/revision", "hello-00001"))
                .endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(10L)
                .withContainers(
                        new ContainerBuilder()
                                .withName("user-container")
                                .withImage("kinetic/sample-app")
                                .addNewPort()
                                .withName("user-port")
                                .withContainerPort(8080)
                                .endPort()
                                .withEnv(new EnvVar("PORT", "8080", null))
                                .withNewLifecycle()
                                .withNewPreStop()
                                .withNewHttpGet()
                                .withPath("/wait-for-drain")
                                .withPort(new IntOrString(8022))
                                .endHttpGet()
                                .endPreStop()
                                .endLifecycle()
                                .build(),
                        new ContainerBuilder()
                                .withName("queue-proxy")
                                .withImage("kinetic/queue-proxy")
                                .addNewPort()
                                .withName("http-queueadm")
                                .withContainerPort(8022)
                                .endPort()
                                .addNewPort()
                                .withName("http-autometric")
                                .withContainerPort(9090)
                                .endPort()
                                .addNewPort()
                                .withName("queue-port")
                                .withContainerPort(8012)
                                .endPort()
                                .withEnv(List.of(
                                        new EnvVar("SERVING_NAMESPACE", NS, null),
                                        new EnvVar("SERVING_REVISION", "hello-00001", null),
                                        fieldRef("SERVING_POD", "metadata.name"),
                                        fieldRef("SERVING_POD_IP", "status.podIP"),
                                        new EnvVar("USER_PORT", "8080", null),
                                        new EnvVar("SERVING_READINESS_PROBE", probe, null)))
                                .withNewReadinessProbe()
                                .withNewHttpGet()
                                .withPath("/")
                                .withPort(new IntOrString(8012))
                                .withHttpHeaders(new HTTPHeader("K-Network-Probe", "queue"))
                                .endHttpGet()
                                .withPeriodSeconds(1)
                                .withTimeoutSeconds(10)
                                .endReadinessProbe()
                                .build())
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static List<Pod> pods(KubernetesClient client) {
        return client.pods()
                .inNamespace(NS)
                .withLabel("serving.knative.dev/revision", "hello-00001")
                .list()
                .getItems();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null
                && pod.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(path)
                .endFieldRef()
                .endValueFrom()
                .build();
    }

    private static HttpResponse<String> get(String host, int port, String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
