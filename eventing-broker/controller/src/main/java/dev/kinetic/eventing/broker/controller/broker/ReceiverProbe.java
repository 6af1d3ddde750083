package dev.kinetic.eventing.broker.controller.broker;

import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the data plane for one Broker: the receiver Service has ready endpoints, and each answers a control-plane
 * probe ({@code GET /{namespace}/{name}} with {@code K-Network-Probe: probe}) with 200.
 */
@ApplicationScoped
public class ReceiverProbe {
    static final String PROBE_HEADER = "K-Network-Probe";
    static final int DEFAULT_PORT = 8080;

    /** The outcome of a probe. */
    public sealed interface Result {
        /** The receiver Service has no ready endpoint. */
        record NoEndpoints(String message) implements Result {}

        /** Some endpoint did not answer 200; the message names it. */
        record Failed(String message) implements Result {}

        /** Every ready endpoint answered. */
        record Succeeded() implements Result {}
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Inject
    KubernetesClient client;

    @Inject
    BrokerControllerSettings settings;

    public Result probe(String path) {
        List<String> targets = endpoints();
        if (targets.isEmpty()) {
            return new Result.NoEndpoints("The receiver Service " + settings.systemNamespace() + "/"
                    + settings.receiverService() + " has no ready endpoints");
        }
        for (String target : targets) {
            URI uri = URI.create("http://" + target + path);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(settings.probeTimeout())
                    .header(PROBE_HEADER, "probe")
                    .GET()
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 200) {
                    return new Result.Failed("The receiver at " + uri + " answered the probe with " + status);
                }
            } catch (IOException e) {
                return new Result.Failed("The receiver at " + uri + " did not answer the probe: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result.Failed("Interrupted while probing " + uri);
            }
        }
        return new Result.Succeeded();
    }

    /** {@code host:port} of every ready endpoint of the receiver Service. */
    private List<String> endpoints() {
        List<String> targets = new ArrayList<>();
        for (EndpointSlice slice : client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(settings.systemNamespace())
                .withLabel("kubernetes.io/service-name", settings.receiverService())
                .list()
                .getItems()) {
            int port = port(slice);
            for (Endpoint endpoint : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                boolean ready = endpoint.getConditions() == null
                        || endpoint.getConditions().getReady() == null
                        || endpoint.getConditions().getReady();
                if (ready && endpoint.getAddresses() != null) {
                    endpoint.getAddresses().forEach(a -> targets.add(host(a) + ":" + port));
                }
            }
        }
        return targets;
    }

    private static int port(EndpointSlice slice) {
        if (slice.getPorts() == null || slice.getPorts().isEmpty()) {
            return DEFAULT_PORT;
        }
        for (EndpointPort p : slice.getPorts()) {
            if ("http".equals(p.getName()) && p.getPort() != null) {
                return p.getPort();
            }
        }
        Integer first = slice.getPorts().get(0).getPort();
        return first == null ? DEFAULT_PORT : first;
    }

    private static String host(String address) {
        return address.contains(":") ? "[" + address + "]" : address;
    }
}
