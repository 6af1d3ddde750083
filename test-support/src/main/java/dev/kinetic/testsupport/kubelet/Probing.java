package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One attempt of a readiness probe, as the kubelet makes it: HTTP GET (2xx and 3xx pass) with the probe's headers and
 * the {@code kube-probe/} user agent, or a TCP connect; gRPC probes are checked as TCP connects. Blocking, bounded by
 * the probe's {@code timeoutSeconds}: call it off the kubelet's loop.
 *
 * <p>Not like a real kubelet: HTTPS probes fail (there is no TLS here), and exec probes pass, since there is no
 * container to run a command in.
 */
final class Probing {
    /** What the queue-proxy and Knative's components recognise as the kubelet. */
    static final String USER_AGENT = "kube-probe/1.33";

    private Probing() {}

    /** Whether the probe passes now against a container of the pod at {@code podIp}. */
    static boolean attempt(Probe probe, Container container, String podIp) {
        int timeoutMs = (int) Math.max(1, orDefault(probe.getTimeoutSeconds(), 1)) * 1000;
        try {
            if (probe.getHttpGet() != null) {
                return httpGet(probe.getHttpGet(), container, podIp, timeoutMs);
            }
            if (probe.getTcpSocket() != null) {
                String host = hostOr(probe.getTcpSocket().getHost(), podIp);
                return connects(host, port(probe.getTcpSocket().getPort(), container), timeoutMs);
            }
            if (probe.getGrpc() != null) {
                return connects(podIp, orDefault(probe.getGrpc().getPort(), 0), timeoutMs);
            }
            return probe.getExec() != null;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * An HTTP GET as the kubelet makes it for probes and {@code preStop} hooks: whether the answer's status is 2xx or
     * 3xx, waiting at most {@code timeoutMs} to connect and between bytes.
     */
    static boolean httpGet(HTTPGetAction get, Container container, String podIp, int timeoutMs) throws IOException {
        if ("HTTPS".equalsIgnoreCase(get.getScheme())) {
            return false;
        }
        String host = hostOr(get.getHost(), podIp);
        int port = port(get.getPort(), container);
        String path = get.getPath() == null || get.getPath().isEmpty() ? "/" : get.getPath();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "Host: " + host + ":" + port);
        headers.put("user-agent", "User-Agent: " + USER_AGENT);
        headers.put("accept", "Accept: */*");
        if (get.getHttpHeaders() != null) {
            // The probe's own headers replace the kubelet's defaults of the same name, as in Kubernetes.
            for (HTTPHeader h : get.getHttpHeaders()) {
                headers.put(h.getName().toLowerCase(Locale.ROOT), h.getName() + ": " + h.getValue());
            }
        }
        StringBuilder request = new StringBuilder("GET ")
                .append(path.startsWith("/") ? path : "/" + path)
                .append(" HTTP/1.1\r\n");
        headers.values().forEach(line -> request.append(line).append("\r\n"));
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String status = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                    .readLine();
            return passes(status);
        }
    }

    /** Whether an HTTP status line ({@code HTTP/1.1 200 OK}) is a pass: 200 to 399. */
    static boolean passes(String statusLine) {
        if (statusLine == null) {
            return false;
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return false;
        }
        try {
            int code = Integer.parseInt(parts[1]);
            return code >= 200 && code < 400;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean connects(String host, int port, int timeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            return true;
        }
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    static int port(IntOrString port, Container container) {
        if (port == null) {
            throw new IllegalArgumentException("probe without a port");
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        if (container.getPorts() != null) {
            for (ContainerPort p : container.getPorts()) {
                if (port.getStrVal().equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        throw new IllegalArgumentException("no container port named " + port.getStrVal());
    }

    private static String hostOr(String host, String podIp) {
        return host == null || host.isBlank() ? podIp : host;
    }

    static int orDefault(Integer value, int fallback) {
        return value == null || value <= 0 ? fallback : value;
    }
}
