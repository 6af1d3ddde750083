package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deployments, Services and look-ups for tests that run pods on the fake kubelet. */
public final class KubeletFixtures {
    public static final String SAMPLE_IMAGE = "kinetic/sample-app";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private KubeletFixtures() {}

    /** A Deployment of one container of {@code image} labelled {@code app=<name>}, {@code PORT=8080}. */
    static DeploymentBuilder deployment(String ns, String name, int replicas, String image, Probe readiness) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(Map.of("app", name))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Map.of("app", name))
                .endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(5L)
                .withContainers(new ContainerBuilder()
                        .withName("user-container")
                        .withImage(image)
                        .addNewPort()
                        .withName("user-port")
                        .withContainerPort(8080)
                        .endPort()
                        .withEnv(new EnvVar("PORT", "8080", null))
                        .withReadinessProbe(readiness)
                        .build())
                .endSpec()
                .endTemplate()
                .endSpec();
    }

    public static Deployment sampleApp(String ns, String name, int replicas) {
        return deployment(ns, name, replicas, SAMPLE_IMAGE, healthz()).build();
    }

    /** {@code GET /healthz} on the user port, failing at the first miss. */
    static Probe healthz() {
        return new ProbeBuilder()
                .withNewHttpGet()
                .withPath("/healthz")
                .withPort(new IntOrString(8080))
                .endHttpGet()
                .withPeriodSeconds(1)
                .withFailureThreshold(1)
                .build();
    }

    /** A Service {@code http} 80 → 8080 selecting {@code selector}. */
    public static Service service(String ns, String name, Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString(8080))
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    static List<Pod> pods(KubernetesClient client, String ns, String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    static boolean ready(Pod pod) {
        return PodStatuses.ready(pod.getStatus());
    }

    static Optional<EndpointSlice> slice(KubernetesClient client, String ns, String service) {
        return Optional.ofNullable(client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(ns)
                .withName(service + "-kubelet")
                .get());
    }

    /** The addresses of the slice's ready endpoints. */
    static List<String> readyAddresses(EndpointSlice slice) {
        return slice.getEndpoints().stream()
                .filter(e -> Boolean.TRUE.equals(e.getConditions().getReady()))
                .map(Endpoint::getAddresses)
                .map(a -> a.get(0))
                .sorted()
                .toList();
    }

    /** {@code GET http://host:port/path}: status and body. */
    static HttpResponse<String> get(String host, int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Whether anything accepts connections on {@code host:port}. */
    static boolean listening(String host, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
