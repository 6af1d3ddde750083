package dev.kinetic.queueproxy;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One readiness probe the queue-proxy runs against the user container, parsed from {@code SERVING_READINESS_PROBE}
 * (a Kubernetes Probe as JSON, or an array of them with multi-container probing). gRPC probes are run as TCP
 * connects to their port: the port accepting connections is what we can check without a gRPC client in the
 * sidecar.
 *
 * <p>A probe aims at the user container's host ({@code QUEUE_USER_HOST}) unless it names another one. The serving
 * controller writes {@code 127.0.0.1} into every probe it hands over, meaning the pod's own loopback, so that address
 * is read as the user host too: in a real pod the two are the same, and where a pod has no loopback of its own (the
 * fake kubelet's pods are each one loopback IP) the probe must follow the app to its address.
 *
 * @param periodSeconds 0 means aggressive: poll every 50 ms for up to 10 s
 * @param timeoutSeconds per attempt when not aggressive (aggressive attempts use 100 ms)
 */
public record ProbeSpec(
        Kind kind,
        String host,
        int port,
        String path,
        boolean https,
        Map<String, String> headers,
        int periodSeconds,
        int timeoutSeconds,
        int successThreshold) {

    public enum Kind {
        HTTP,
        TCP
    }

    public boolean aggressive() {
        return periodSeconds == 0;
    }

    /** The probes in {@code json} against a user container on the pod's loopback, {@code 127.0.0.1}. */
    public static List<ProbeSpec> parse(String json, int userPort) {
        return parse(json, userPort, QueueConfig.DEFAULT_USER_HOST);
    }

    /**
     * The probes in {@code json}; an empty value means one aggressive TCP probe of {@code userHost:userPort}.
     *
     * @param userHost where the user container listens: the host of probes that name none, or the pod's loopback
     */
    public static List<ProbeSpec> parse(String json, int userPort, String userHost) {
        if (json == null || json.isBlank()) {
            return List.of(new ProbeSpec(Kind.TCP, userHost, userPort, "", false, Map.of(), 0, 1, 1));
        }
        try {
            String trimmed = json.trim();
            List<ProbeSpec> probes = new ArrayList<>();
            if (trimmed.startsWith("[")) {
                JsonArray array = new JsonArray(trimmed);
                for (int i = 0; i < array.size(); i++) {
                    probes.add(one(array.getJsonObject(i), userPort, userHost, "[" + i + "]"));
                }
            } else {
                probes.add(one(new JsonObject(trimmed), userPort, userHost, ""));
            }
            if (probes.isEmpty()) {
                throw new IllegalArgumentException("SERVING_READINESS_PROBE: the array is empty");
            }
            return List.copyOf(probes);
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalArgumentException("SERVING_READINESS_PROBE: not a probe as JSON: " + e.getMessage(), e);
        }
    }

    private static ProbeSpec one(JsonObject p, int userPort, String userHost, String at) {
        int period = p.getInteger("periodSeconds", 0);
        int timeout = Math.max(1, p.getInteger("timeoutSeconds", 1));
        int success = Math.max(1, p.getInteger("successThreshold", 1));
        JsonObject http = p.getJsonObject("httpGet");
        if (http != null) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            JsonArray hs = http.getJsonArray("httpHeaders", new JsonArray());
            for (int i = 0; i < hs.size(); i++) {
                JsonObject h = hs.getJsonObject(i);
                headers.put(h.getString("name"), h.getString("value", ""));
            }
            String path = http.getString("path", "/");
            return new ProbeSpec(
                    Kind.HTTP,
                    host(http, userHost),
                    port(http.getValue("port"), userPort, at + "httpGet.port"),
                    path.startsWith("/") ? path : "/" + path,
                    "HTTPS".equalsIgnoreCase(http.getString("scheme", "HTTP")),
                    Map.copyOf(headers),
                    period,
                    timeout,
                    success);
        }
        JsonObject tcp = p.getJsonObject("tcpSocket");
        JsonObject grpc = p.getJsonObject("grpc");
        JsonObject target = tcp != null ? tcp : grpc;
        if (target != null) {
            return new ProbeSpec(
                    Kind.TCP,
                    host(target, userHost),
                    port(target.getValue("port"), userPort, at + (tcp != null ? "tcpSocket" : "grpc") + ".port"),
                    "",
                    false,
                    Map.of(),
                    period,
                    timeout,
                    success);
        }
        if (p.getJsonObject("exec") != null) {
            // The exec itself stays with the kubelet; the port accepting connections is what we can see.
            return new ProbeSpec(Kind.TCP, userHost, userPort, "", false, Map.of(), period, timeout, success);
        }
        throw new IllegalArgumentException("SERVING_READINESS_PROBE" + at + ": no httpGet, tcpSocket, grpc or exec");
    }

    private static String host(JsonObject action, String userHost) {
        String host = action.getString("host");
        boolean podLoopback = host == null || host.isBlank() || QueueConfig.DEFAULT_USER_HOST.equals(host.trim());
        return podLoopback ? userHost : host.trim();
    }

    private static int port(Object value, int userPort, String path) {
        if (value == null) {
            return userPort;
        }
        if (value instanceof Number n) {
            return n.intValue() <= 0 ? userPort : n.intValue();
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "SERVING_READINESS_PROBE" + path + ": named port \"" + value + "\" was not resolved to a number");
        }
    }
}
