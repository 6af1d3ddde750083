package dev.kinetic.autoscaler.collect;

import io.vertx.core.json.JsonObject;

/**
 * One second of one pod's traffic, as its queue-proxy serves it on {@code :9090} or an activator streams it (Knative's
 * {@code Stat} fields). Requests that came through an activator are reported by the pod as "proxied" and by the
 * activator itself, so what is recorded for a pod is its own count minus the proxied part.
 *
 * @param podName the reporting pod (a revision pod or an activator)
 * @param averageConcurrency time-weighted average requests in flight over the second
 * @param averageProxiedConcurrency the part of it that came through an activator
 * @param requestsPerSecond requests that arrived in the second
 * @param proxiedRequestsPerSecond the part of them that came through an activator
 * @param processUptimeSeconds how long the reporting process has run (0 when unknown)
 */
public record PodStat(
        String podName,
        double averageConcurrency,
        double averageProxiedConcurrency,
        double requestsPerSecond,
        double proxiedRequestsPerSecond,
        double processUptimeSeconds) {

    /** Concurrency this source adds to the revision's total. */
    public double concurrency() {
        return averageConcurrency - averageProxiedConcurrency;
    }

    /** Request rate this source adds to the revision's total. */
    public double rps() {
        return requestsPerSecond - proxiedRequestsPerSecond;
    }

    /** The queue-proxy's JSON stat; an {@link IllegalArgumentException} when a field has the wrong type. */
    public static PodStat fromQueueProxy(JsonObject json) {
        try {
            return new PodStat(
                    json.getString("podName", ""),
                    number(json, "averageConcurrentRequests"),
                    number(json, "averageProxiedConcurrentRequests"),
                    number(json, "requestCount"),
                    number(json, "proxiedRequestCount"),
                    number(json, "processUptime"));
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("malformed stat: " + e.getMessage(), e);
        }
    }

    /** One entry of an activator's frame (the activator's {@code StatMessage}). */
    public static PodStat fromActivator(JsonObject json) {
        try {
            return new PodStat(
                    json.getString("podName", ""),
                    number(json, "averageConcurrency"),
                    number(json, "averageProxiedConcurrency"),
                    number(json, "requestCount"),
                    number(json, "proxiedRequestCount"),
                    0);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("malformed stat: " + e.getMessage(), e);
        }
    }

    private static double number(JsonObject json, String field) {
        Number n = json.getNumber(field);
        if (n == null) {
            return 0;
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d) || d < 0) {
            throw new IllegalArgumentException("malformed stat: " + field + " = " + n);
        }
        return d;
    }
}
