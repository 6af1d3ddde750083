package dev.kinetic.autoscaler.kpa;

import dev.kinetic.autoscaler.AutoscalerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Verifies that the activator is in a revision's path before its last pod goes: every address its public
 * Service's EndpointSlice lists must answer {@code K-Network-Probe: activator} with 200 and the body
 * {@code activator} (a pod answers the probe with {@code queue}, so a stale slice still pointing at pods fails).
 * Called from reconciler threads, which may block for the short probe timeout.
 */
@ApplicationScoped
public class ActivatorProbe {
    static final String NETWORK_PROBE = "K-Network-Probe";
    static final String ACTIVATOR = "activator";
    static final int PORT = 8012;

    @Inject
    AutoscalerSettings settings;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Whether every address answers as an activator; false for an empty list. */
    public boolean inPath(List<String> publicAddresses) {
        if (publicAddresses.isEmpty()) {
            return false;
        }
        for (String address : publicAddresses) {
            if (!answersAsActivator(address)) {
                return false;
            }
        }
        return true;
    }

    private boolean answersAsActivator(String address) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address + ":" + PORT + "/healthz"))
                .header(NETWORK_PROBE, ACTIVATOR)
                .header("User-Agent", "Kinetic-Autoscaler-Probe")
                .timeout(settings.activatorProbeTimeout())
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && ACTIVATOR.equals(response.body().trim());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
