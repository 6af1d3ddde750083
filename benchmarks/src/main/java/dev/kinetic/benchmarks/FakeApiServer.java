package dev.kinetic.benchmarks;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.revision;

import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.testsupport.kube.GroupAwareAttributes;
import dev.kinetic.testsupport.kube.KineticCrds;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

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

        KubernetesServer server = start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::after, "fake-api-server-stop"));
        KubernetesClient client = server.getClient();
        createRevision(client, podIp, podPort);

        System.out.println("fake API server at " + client.getMasterUrl() + " serving revision " + NAMESPACE + "/"
                + REVISION + " with one pod at " + podIp + ":" + podPort);
        new CountDownLatch(1).await();
    }

    /**
     * Starts the test server on {@code 127.0.0.1:port} (0: a free port) in CRUD mode, with Kinetic's CRDs applied,
     * API groups told apart ({@link GroupAwareAttributes}), stored objects indexed by name ({@link
     * IndexedCrudDispatcher}) and no log line per request. It grants the Lease rights an operator with leader
     * election checks for (a {@code SelfSubjectRulesReview}), as the RBAC of a real install does. Stop it with
     * {@link KubernetesServer#after()}.
     */
    public static KubernetesServer start(int port) {
        // One INFO line per request is most of the work when thousands of objects are written.
        Logger.getLogger(MockWebServer.class.getName()).setLevel(Level.WARNING);
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), port, List.of());
        server.before();
        IndexedCrudDispatcher.install(server.getKubernetesMockServer());
        GroupAwareAttributes.install(server.getKubernetesMockServer());
        server.expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(
                        HttpURLConnection.HTTP_CREATED,
                        new SelfSubjectRulesReviewBuilder()
                                .withNewStatus()
                                .withIncomplete(false)
                                .addNewResourceRule()
                                .withApiGroups("coordination.k8s.io")
                                .withResources("leases")
                                .withVerbs("get", "list", "watch", "create", "update", "patch")
                                .endResourceRule()
                                .endStatus()
                                .build())
                .always();
        KineticCrds.load().applyTo(server.getClient());
        return server;
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
