package dev.kinetic.serving.controller.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.TCPSocketActionBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe rewrites around the queue-proxy: which user probes it takes over, the form it runs them in, and the
 * kubelet probe that asks it.
 */
final class Probes {
    private Probes() {}

    /** The header the kubelet's probe of the queue-proxy carries, asking whether the user container is ready. */
    static final String NETWORK_PROBE_HEADER = "K-Network-Probe";
    /** The header the queue-proxy adds to the user's HTTP readiness probes, so applications can tell them apart. */
    static final String KUBELET_PROBE_HEADER = "K-Kubelet-Probe";
    /** The value of both headers. */
    static final String QUEUE = "queue";
    /** The queue-proxy probes the user container over loopback. */
    static final String LOCALHOST = "127.0.0.1";

    /**
     * How long the queue-proxy may hold the kubelet's probe while it polls an aggressive (periodSeconds 0) user
     * probe; it gives up after 10 s, so the kubelet should wait that long rather than fail after its 1 s default.
     */
    static final int AGGRESSIVE_TIMEOUT_SECONDS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** True for the probe kinds the queue-proxy runs itself: HTTP, TCP and gRPC. Exec probes need the kubelet. */
    static boolean runByQueueProxy(Probe p) {
        return p != null && (p.getHttpGet() != null || p.getTcpSocket() != null || p.getGrpc() != null);
    }

    /**
     * A copy of {@code p} whose unset, zero or named port is {@code userPort}. A named port can only name the
     * serving container's port (validation), which the pod renames {@code user-port}; an explicit number stays, so
     * a health endpoint on a separate port keeps working.
     */
    static Probe withPortDefaulted(Probe p, int userPort) {
        if (p == null) {
            return null;
        }
        Probe copy = new ProbeBuilder(p).build();
        if (copy.getHttpGet() != null) {
            copy.getHttpGet().setPort(defaulted(copy.getHttpGet().getPort(), userPort));
        } else if (copy.getTcpSocket() != null) {
            copy.getTcpSocket().setPort(defaulted(copy.getTcpSocket().getPort(), userPort));
        } else if (copy.getGrpc() != null
                && (copy.getGrpc().getPort() == null || copy.getGrpc().getPort() <= 0)) {
            copy.getGrpc().setPort(userPort);
        }
        return copy;
    }

    /**
     * The serving container's readiness probe as the queue-proxy runs it: aimed at {@code 127.0.0.1} and the user
     * port, HTTP probes marked with {@code K-Kubelet-Probe: queue}, and an exec probe replaced by a TCP probe of the
     * user port (the exec probe itself stays with the kubelet). A missing probe becomes what defaulting would have
     * made: an aggressive TCP probe.
     */
    static Probe forQueueProxy(Probe userProbe, int userPort) {
        Probe p = userProbe == null
                ? new ProbeBuilder()
                        .withNewTcpSocket()
                        .endTcpSocket()
                        .withSuccessThreshold(1)
                        .build()
                : new ProbeBuilder(userProbe).build();
        if (p.getExec() != null) {
            p.setExec(null);
            p.setTcpSocket(new TCPSocketActionBuilder().build());
        }
        p = withPortDefaulted(p, userPort);
        return localised(p);
    }

    /** A sidecar's readiness probe as the queue-proxy runs it (multi-container probing): its own port, resolved. */
    static Probe forQueueProxy(Container sidecar) {
        Probe p = new ProbeBuilder(sidecar.getReadinessProbe()).build();
        if (p.getHttpGet() != null) {
            p.getHttpGet().setPort(resolved(p.getHttpGet().getPort(), sidecar));
        } else if (p.getTcpSocket() != null) {
            p.getTcpSocket().setPort(resolved(p.getTcpSocket().getPort(), sidecar));
        }
        return localised(p);
    }

    /**
     * The kubelet's readiness probe of the queue-proxy: an HTTP GET of the serving port with
     * {@code K-Network-Probe: queue}, answered once the queue-proxy's own run of the user's probe passes. It keeps
     * the user's timing; an aggressive user probe gets a 1 s period and a timeout that covers the queue-proxy's
     * polling, so readiness is seen within a second of the application being up.
     */
    static Probe queueReadiness(Probe userProbe, int queueServingPort) {
        ProbeBuilder b = new ProbeBuilder()
                .withNewHttpGet()
                .withPath("/")
                .withScheme("HTTP")
                .withPort(new IntOrString(queueServingPort))
                .withHttpHeaders(new HTTPHeader(NETWORK_PROBE_HEADER, QUEUE))
                .endHttpGet();
        Integer period = userProbe == null ? null : positive(userProbe.getPeriodSeconds());
        if (period == null) {
            b.withPeriodSeconds(1).withTimeoutSeconds(AGGRESSIVE_TIMEOUT_SECONDS);
        } else {
            b.withPeriodSeconds(period).withTimeoutSeconds(positive(userProbe.getTimeoutSeconds()));
        }
        if (userProbe != null) {
            b.withInitialDelaySeconds(positive(userProbe.getInitialDelaySeconds()))
                    .withSuccessThreshold(positive(userProbe.getSuccessThreshold()))
                    .withFailureThreshold(positive(userProbe.getFailureThreshold()));
        }
        return b.build();
    }

    /** {@code probes} as the JSON the queue-proxy reads: one object, or an array for multi-container probing. */
    static String encode(List<Probe> probes, boolean asArray) {
        try {
            return JSON.writeValueAsString(asArray ? probes : probes.get(0));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Kubernetes probe always serialises", e);
        }
    }

    private static Probe localised(Probe p) {
        if (p.getHttpGet() != null) {
            p.getHttpGet().setHost(LOCALHOST);
            if (p.getHttpGet().getScheme() == null || p.getHttpGet().getScheme().isEmpty()) {
                p.getHttpGet().setScheme("HTTP");
            }
            List<HTTPHeader> headers = new ArrayList<>(
                    p.getHttpGet().getHttpHeaders() == null
                            ? List.of()
                            : p.getHttpGet().getHttpHeaders());
            headers.add(new HTTPHeader(KUBELET_PROBE_HEADER, QUEUE));
            p.getHttpGet().setHttpHeaders(headers);
        } else if (p.getTcpSocket() != null) {
            p.getTcpSocket().setHost(LOCALHOST);
        }
        // A polled probe with no timeout would hang the queue-proxy's check; Kubernetes' own minimum is 1 s.
        if (p.getPeriodSeconds() != null
                && p.getPeriodSeconds() > 0
                && (p.getTimeoutSeconds() == null || p.getTimeoutSeconds() < 1)) {
            p.setTimeoutSeconds(1);
        }
        return p;
    }

    private static IntOrString defaulted(IntOrString port, int userPort) {
        return port == null || port.getIntVal() == null || port.getIntVal() <= 0 ? new IntOrString(userPort) : port;
    }

    private static IntOrString resolved(IntOrString port, Container c) {
        if (port == null || port.getStrVal() == null || c.getPorts() == null) {
            return port;
        }
        return c.getPorts().stream()
                .filter(cp -> port.getStrVal().equals(cp.getName()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .map(IntOrString::new)
                .orElse(port);
    }

    private static Integer positive(Integer value) {
        return value == null || value <= 0 ? null : value;
    }
}
