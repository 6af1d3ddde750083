package dev.kinetic.activator;

import dev.kinetic.activator.throttle.RevisionThrottler;
import dev.kinetic.dataplane.EnvReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activator's process settings, read from its environment (Knative's names where Knative has one; the port
 * variables exist so tests and benchmarks can run several activators on one machine, 0 picking a free port).
 * Kubernetes access is not here: it is fabric8's standard configuration (in-cluster, kubeconfig or
 * {@code KUBERNETES_MASTER}).
 *
 * @param bindAddress {@code ACTIVATOR_BIND_ADDRESS}, default {@code 0.0.0.0}
 * @param port {@code ACTIVATOR_PORT}: HTTP/1.1 and h2c, default 8012
 * @param h2cPort {@code ACTIVATOR_H2C_PORT}: the h2c port, default 8013 (it speaks HTTP/1.1 too)
 * @param adminPort {@code ACTIVATOR_ADMIN_PORT}: {@code /wait-for-drain}, default 8022
 * @param autoscalerUrl {@code AUTOSCALER_URL}: the autoscaler's stats WebSocket, {@code ws://} or {@code wss://}
 * @param podName {@code POD_NAME} (else {@code HOSTNAME}): the {@code podName} of the stats we send
 * @param podIp {@code POD_IP}, informational, may be empty
 * @param systemNamespace {@code SYSTEM_NAMESPACE}, default {@code kinetic-system}
 * @param probeFrequency {@code PROBE_FREQUENCY}: how often each pod is probed, default 200 ms (a Go duration such as
 *     {@code 200ms} or {@code 1.5s}, or a number of milliseconds)
 * @param probeTimeout {@code PROBE_TIMEOUT}: how long one probe may take, default 300 ms
 * @param drainPeriod {@code DRAIN_PERIOD_SECONDS}: on shutdown, how long no new request must arrive before the
 *     activator stops, default 45 s
 * @param clusterDomain {@code CLUSTER_DOMAIN}, default {@code cluster.local}: for Host-based revision lookup
 * @param queueDepth requests that may wait per revision; not an environment setting (Knative's 10,000), but tests
 *     lower it through {@link #withQueueDepth}
 */
public record ActivatorConfig(
        String bindAddress,
        int port,
        int h2cPort,
        int adminPort,
        URI autoscalerUrl,
        String podName,
        String podIp,
        String systemNamespace,
        Duration probeFrequency,
        Duration probeTimeout,
        Duration drainPeriod,
        String clusterDomain,
        int queueDepth) {

    public static final String DEFAULT_AUTOSCALER_URL =
            "ws://kinetic-autoscaler.kinetic-system.svc.cluster.local:8080/ws";

    /** The settings in {@code env}, or an {@link IllegalArgumentException} naming every variable that is wrong. */
    public static ActivatorConfig fromEnv(Map<String, String> env) {
        Reader r = new Reader(env);
        ActivatorConfig config = new ActivatorConfig(
                r.text("ACTIVATOR_BIND_ADDRESS", "0.0.0.0"),
                r.port("ACTIVATOR_PORT", 8012),
                r.port("ACTIVATOR_H2C_PORT", 8013),
                r.port("ACTIVATOR_ADMIN_PORT", 8022),
                r.webSocketUrl("AUTOSCALER_URL", DEFAULT_AUTOSCALER_URL),
                r.text("POD_NAME", r.text("HOSTNAME", "kinetic-activator")),
                r.text("POD_IP", ""),
                r.text("SYSTEM_NAMESPACE", "kinetic-system"),
                r.duration("PROBE_FREQUENCY", Duration.ofMillis(200)),
                r.duration("PROBE_TIMEOUT", Duration.ofMillis(300)),
                Duration.ofSeconds(r.number("DRAIN_PERIOD_SECONDS", 45, 0, 3600)),
                r.text("CLUSTER_DOMAIN", "cluster.local"),
                RevisionThrottler.DEFAULT_QUEUE_DEPTH);
        r.failIfInvalid("activator");
        return config;
    }

    /** The defaults, as with an empty environment. */
    public static ActivatorConfig defaults() {
        return fromEnv(Map.of());
    }

    public ActivatorConfig withQueueDepth(int depth) {
        if (depth < 0) {
            throw new IllegalArgumentException("queue depth must be >= 0");
        }
        return new ActivatorConfig(
                bindAddress,
                port,
                h2cPort,
                adminPort,
                autoscalerUrl,
                podName,
                podIp,
                systemNamespace,
                probeFrequency,
                probeTimeout,
                drainPeriod,
                clusterDomain,
                depth);
    }

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    /**
     * A Go {@code time.Duration} string ({@code 300ms}, {@code 1.5s}, {@code 1m30s}) or a plain number of
     * milliseconds; null if it is neither.
     */
    static Duration parseDuration(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return s.length() > 15 ? null : Duration.ofMillis(Long.parseLong(s));
        }
        Matcher m = DURATION_PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPer(m.group(2)))));
            at = m.end();
        }
        try {
            return Duration.ofNanos(nanos.longValueExact());
        } catch (ArithmeticException e) {
            // A fraction of a nanosecond, or beyond what a long holds: either way not a sensible setting.
            return null;
        }
    }

    private static long nanosPer(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /** Reads variables, collecting every problem rather than stopping at the first. */
    /** The shared reader plus the activator's own kinds of value. */
    private static final class Reader extends EnvReader {
        private final Map<String, String> env;

        Reader(Map<String, String> env) {
            super(env);
            this.env = env;
        }

        Duration duration(String name, Duration fallback) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            Duration d = parseDuration(v);
            if (d == null) {
                error(name, "'" + v + "' is not a duration (e.g. 200ms, 1.5s, or milliseconds)");
                return fallback;
            }
            if (d.isZero()) {
                error(name, "must be longer than zero");
                return fallback;
            }
            return d;
        }

        URI webSocketUrl(String name, String fallback) {
            String v = text(name, fallback);
            try {
                URI uri = new URI(v);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                    error(name, "'" + v + "' is not a ws:// or wss:// URL with a host");
                    return URI.create(fallback);
                }
                return uri;
            } catch (URISyntaxException e) {
                error(name, "'" + v + "' is not a URL: " + e.getMessage());
                return URI.create(fallback);
            }
        }
    }
}
