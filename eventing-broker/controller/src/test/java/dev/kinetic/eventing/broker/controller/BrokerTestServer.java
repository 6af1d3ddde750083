package dev.kinetic.eventing.broker.controller;

import com.sun.net.httpserver.HttpServer;
import dev.kinetic.testsupport.kube.ApplyKineticCrds;
import dev.kinetic.testsupport.kube.KineticCrds;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The Kubernetes test server as the broker controller's tests need it: Kinetic's CRDs and this module's test CRD
 * ({@code Sink}, an Addressable of an unknown kind), and a stand-in receiver answering control-plane probes, listed
 * as the ready endpoint of the receiver Service.
 */
public class BrokerTestServer implements Consumer<KubernetesServer> {
    public static final String SYSTEM_NAMESPACE = "kinetic-system";
    public static final String RECEIVER_HOST = "kinetic-broker-receiver.kinetic-system.svc.cluster.local";

    /** Probes the stand-in receiver answered. */
    public static final AtomicInteger PROBES = new AtomicInteger();

    private static HttpServer receiver;

    @Override
    public void accept(KubernetesServer server) {
        new ApplyKineticCrds().accept(server);
        KineticCrds.load("test-crds").applyTo(server.getClient());
        int port = startReceiver();
        server.getClient()
                .resource(new EndpointSliceBuilder()
                        .withNewMetadata()
                        .withName("kinetic-broker-receiver-abcde")
                        .withNamespace(SYSTEM_NAMESPACE)
                        .addToLabels("kubernetes.io/service-name", "kinetic-broker-receiver")
                        .endMetadata()
                        .withAddressType("IPv4")
                        .addNewPort()
                        .withName("http")
                        .withPort(port)
                        .endPort()
                        .addNewEndpoint()
                        .withAddresses("127.0.0.1")
                        .withNewConditions()
                        .withReady(true)
                        .endConditions()
                        .endEndpoint()
                        .build())
                .create();
    }

    /** A receiver that answers {@code GET} with {@code K-Network-Probe} with 200, and anything else with 405. */
    private static synchronized int startReceiver() {
        if (receiver == null) {
            try {
                receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            receiver.createContext("/", exchange -> {
                boolean probe = "GET".equals(exchange.getRequestMethod())
                        && exchange.getRequestHeaders().getFirst("K-Network-Probe") != null;
                if (probe) {
                    PROBES.incrementAndGet();
                }
                exchange.sendResponseHeaders(probe ? 200 : 405, -1);
                exchange.close();
            });
            receiver.start();
        }
        return receiver.getAddress().getPort();
    }
}
