package dev.kinetic.benchmarks;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.revision;

import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.testsupport.kube.GroupAwareAttributes;
import dev.kinetic.testsupport.kube.KineticCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The API server the activator reads in the end-to-end benchmark: fabric8's Kubernetes mock server in CRUD mode,
 * plain HTTP on {@code 127.0.0.1:--port}, with Kinetic's CRDs applied and one revision's worth of objects:
 *
 * <ul>
 *   <li>namespace {@value #NAMESPACE};
 *   <li>Revision {@value #REVISION} (containerConcurrency 0, timeoutSeconds 300);
 *   <li>its private Service {@value #REVISION}{@code -private} and an EndpointSlice of it with one ready endpoint,
 *       {@code --pod-ip}, port {@code http} = {@code --pod-port} (the stub app itself, or a queue-proxy in front of
 *       it).
 * </ul>
 *
 * <p>It prints its URL (for {@code KUBERNETES_MASTER}) and serves until killed. Arguments
 * {@code --port P --pod-ip IP --pod-port N}, or environment {@code FAKE_API_PORT}, {@code POD_IP},
 * {@code POD_PORT}.
 */
public final class FakeApiServer {
    static final String NAMESPACE = "bench";
    static final String REVISION = "bench-00001";
    private static final String PRIVATE_SERVICE = REVISION + "-private";

    private FakeApiServer() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(option(options, "port", "FAKE_API_PORT", "18090"));
        String podIp = option(options, "pod-ip", "POD_IP", "127.0.0.1");
        int podPort = Integer.parseInt(option(options, "pod-port", "POD_PORT", "18080"));

        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), port, List.of());
        server.before();
        Runtime.getRuntime().addShutdownHook(new Thread(server::after, "fake-api-server-stop"));
        GroupAwareAttributes.install(server.getKubernetesMockServer());
        KubernetesClient client = server.getClient();
        KineticCrds.load().applyTo(client);
        createRevision(client, podIp, podPort);

        System.out.println("fake API server at " + client.getMasterUrl() + " serving revision " + NAMESPACE + "/"
                + REVISION + " with one pod at " + podIp + ":" + podPort);
        new CountDownLatch(1).await();
    }

    static void createRevision(KubernetesClient client, String podIp, int podPort) {
        client.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(NAMESPACE)
                        .endMetadata()
                        .build())
                .create();
        Revision revision = revision(NAMESPACE, REVISION, r -> r.getSpec()
                .setContainerConcurrency(0L)
                .setTimeoutSeconds(300L));
        client.resources(Revision.class)
                .inNamespace(NAMESPACE)
                .resource(revision)
                .create();

        Map<String, String> labels = new HashMap<>();
        labels.put("serving.knative.dev/revision", REVISION);
        labels.put("networking.internal.knative.dev/serviceType", "Private");
        client.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(PRIVATE_SERVICE)
                        .withLabels(labels)
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withName("http")
                        .withPort(80)
                        .withNewTargetPort(podPort)
                        .endPort()
                        .endSpec()
                        .build())
                .create();

        Map<String, String> sliceLabels = new HashMap<>(labels);
        sliceLabels.put("kubernetes.io/service-name", PRIVATE_SERVICE);
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(PRIVATE_SERVICE + "-abc12")
                .withNamespace(NAMESPACE)
                .withLabels(sliceLabels)
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses(podIp)
                .withNewConditions()
                .withReady(true)
                .withServing(true)
                .withTerminating(false)
                .endConditions()
                .endEndpoint()
                .addNewPort()
                .withName("http")
                .withPort(podPort)
                .withProtocol("TCP")
                .endPort()
                .build();
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NAMESPACE)
                .resource(slice)
                .create();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: FakeApiServer --port P --pod-ip IP --pod-port N");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
