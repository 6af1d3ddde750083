package dev.kinetic.activator.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * One revision's statistics from one activator for one reporting window: the activator's equivalent of Knative's
 * {@code StatMessage}, which the autoscaler adds to the pods' own (scraped) stats.
 *
 * <h2>Wire format</h2>
 *
 * Each WebSocket text frame the activator sends to {@code AUTOSCALER_URL} is a JSON array of these objects, one per
 * revision that had requests in the window (or in the window before, so a drop to zero is seen):
 *
 * <pre>{@code
 * [{"namespace":"default","revision":"hello-00001","podName":"kinetic-activator-7d9f-abcde",
 *   "averageConcurrency":2.5,"averageProxiedConcurrency":0.0,"requestCount":12,"proxiedRequestCount":0,
 *   "timestamp":1767225600000}]
 * }</pre>
 *
 * <ul>
 *   <li>{@code averageConcurrency}: time-weighted average of requests inside the activator (waiting for a pod or
 *       being proxied) over the window;
 *   <li>{@code requestCount}: requests that arrived in the window;
 *   <li>{@code averageProxiedConcurrency}, {@code proxiedRequestCount}: the same for requests that came through an
 *       activator; always 0 from the activator itself (queue-proxies fill them in), kept for Knative's field set;
 *   <li>{@code timestamp}: end of the window, milliseconds since the epoch.
 * </ul>
 *
 * A frame with a single object and {@code requestCount} 1 may arrive between the periodic ones: the activator got a
 * request for a revision with no ready pod, and the autoscaler should scale it from zero now.
 *
 * @param namespace the revision's namespace
 * @param revision the revision's name
 * @param podName the reporting activator's pod
 * @param averageConcurrency time-weighted average requests in flight in the window
 * @param averageProxiedConcurrency the same for proxied requests (0 from the activator)
 * @param requestCount requests that arrived in the window
 * @param proxiedRequestCount the same for proxied requests (0 from the activator)
 * @param timestamp end of the window, epoch milliseconds
 */
public record StatMessage(
        String namespace,
        String revision,
        String podName,
        double averageConcurrency,
        double averageProxiedConcurrency,
        long requestCount,
        long proxiedRequestCount,
        long timestamp) {

    public JsonObject toJson() {
        return new JsonObject()
                .put("namespace", namespace)
                .put("revision", revision)
                .put("podName", podName)
                .put("averageConcurrency", averageConcurrency)
                .put("averageProxiedConcurrency", averageProxiedConcurrency)
                .put("requestCount", requestCount)
                .put("proxiedRequestCount", proxiedRequestCount)
                .put("timestamp", timestamp);
    }

    public static StatMessage fromJson(JsonObject json) {
        return new StatMessage(
                json.getString("namespace"),
                json.getString("revision"),
                json.getString("podName"),
                json.getDouble("averageConcurrency", 0.0),
                json.getDouble("averageProxiedConcurrency", 0.0),
                json.getLong("requestCount", 0L),
                json.getLong("proxiedRequestCount", 0L),
                json.getLong("timestamp", 0L));
    }

    /** One frame's text: the stats as a JSON array. */
    public static String encode(List<StatMessage> stats) {
        JsonArray array = new JsonArray();
        for (StatMessage stat : stats) {
            array.add(stat.toJson());
        }
        return array.encode();
    }

    /** The stats of one frame's text. */
    public static List<StatMessage> decode(String frame) {
        JsonArray array = new JsonArray(frame);
        return array.stream().map(o -> StatMessage.fromJson((JsonObject) o)).toList();
    }
}
