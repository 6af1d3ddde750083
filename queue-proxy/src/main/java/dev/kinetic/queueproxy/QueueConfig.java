package dev.kinetic.queueproxy;

import dev.kinetic.dataplane.EnvReader;
import java.util.Map;

/**
 * The queue-proxy's settings, read from the environment the serving controller gives the sidecar (Knative's env
 * names; the port overrides exist so several queue-proxies can share one machine in tests and benchmarks).
 *
 * @param bindAddress {@code QUEUE_BIND_ADDRESS}, default {@code 0.0.0.0}
 * @param servingPort {@code QUEUE_SERVING_PORT}: HTTP/1.1 and h2c, default 8012
 * @param h2cPort {@code QUEUE_H2C_PORT}: h2c, default 8013
 * @param adminPort {@code QUEUE_ADMIN_PORT}: {@code /wait-for-drain}, default 8022
 * @param autoscalerMetricsPort {@code QUEUE_AUTOSCALER_METRICS_PORT}: the stat the autoscaler scrapes, default 9090
 * @param userMetricsPort {@code QUEUE_USER_METRICS_PORT}: Prometheus request metrics, default 9091
 * @param userPort {@code USER_PORT}: the user container's port, default 8080
 * @param userHost {@code QUEUE_USER_HOST}: the address the user container listens on, default {@code 127.0.0.1} (the
 *     pod's own loopback); the proxy's upstream and the default host of the readiness probes. Only a pod that does
 *     not have a loopback of its own, such as the fake kubelet's in tests, where every pod is one loopback IP, sets it
 * @param containerConcurrency {@code CONTAINER_CONCURRENCY}: 0 is unlimited (no breaker)
 * @param timeoutSeconds {@code REVISION_TIMEOUT_SECONDS}, default 300; 0 switches it off
 * @param responseStartTimeoutSeconds {@code REVISION_RESPONSE_START_TIMEOUT_SECONDS}, default 0 (off)
 * @param idleTimeoutSeconds {@code REVISION_IDLE_TIMEOUT_SECONDS}, default 0 (off)
 * @param readinessProbe {@code SERVING_READINESS_PROBE}: JSON of the probe(s) to run; empty means a TCP probe of the
 *     user port
 * @param drainSeconds {@code DRAIN_PERIOD_SECONDS}: how long no new request must arrive before shutting down,
 *     default 30
 * @param eventLoops {@code QUEUE_EVENT_LOOPS}: Vert.x event loops, default 1 (the sidecar's CPU request is small)
 */
public record QueueConfig(
        String bindAddress,
        int servingPort,
        int h2cPort,
        int adminPort,
        int autoscalerMetricsPort,
        int userMetricsPort,
        int userPort,
        String userHost,
        int containerConcurrency,
        long timeoutSeconds,
        long responseStartTimeoutSeconds,
        long idleTimeoutSeconds,
        String readinessProbe,
        long drainSeconds,
        int eventLoops,
        Identity identity) {

    /** The pod's own loopback, where the user container listens in a real pod. */
    public static final String DEFAULT_USER_HOST = "127.0.0.1";

    /** Who this pod serves: the labels of its stats and metrics. */
    public record Identity(String namespace, String service, String configuration, String revision, String pod) {}

    /** The settings in {@code env}, or every problem found, each naming its variable. */
    public static QueueConfig fromEnv(Map<String, String> env) {
        EnvReader r = new EnvReader(env);
        QueueConfig config = new QueueConfig(
                r.text("QUEUE_BIND_ADDRESS", "0.0.0.0"),
                r.port("QUEUE_SERVING_PORT", 8012),
                r.port("QUEUE_H2C_PORT", 8013),
                r.port("QUEUE_ADMIN_PORT", 8022),
                r.port("QUEUE_AUTOSCALER_METRICS_PORT", 9090),
                r.port("QUEUE_USER_METRICS_PORT", 9091),
                r.port("USER_PORT", 8080),
                r.text("QUEUE_USER_HOST", DEFAULT_USER_HOST),
                (int) r.number("CONTAINER_CONCURRENCY", 0, 0, 1000),
                r.number("REVISION_TIMEOUT_SECONDS", 300, 0, Integer.MAX_VALUE),
                r.number("REVISION_RESPONSE_START_TIMEOUT_SECONDS", 0, 0, Integer.MAX_VALUE),
                r.number("REVISION_IDLE_TIMEOUT_SECONDS", 0, 0, Integer.MAX_VALUE),
                env.getOrDefault("SERVING_READINESS_PROBE", "").trim(),
                r.number("DRAIN_PERIOD_SECONDS", 30, 0, 3600),
                (int) r.number("QUEUE_EVENT_LOOPS", 1, 1, 64),
                new Identity(
                        env.getOrDefault("SERVING_NAMESPACE", ""),
                        env.getOrDefault("SERVING_SERVICE", ""),
                        env.getOrDefault("SERVING_CONFIGURATION", ""),
                        env.getOrDefault("SERVING_REVISION", ""),
                        env.getOrDefault("SERVING_POD", "")));
        if (config.userPort() == 0) {
            r.error("USER_PORT", "must be a port between 1 and 65535");
        }
        r.failIfInvalid("queue-proxy");
        return config;
    }
}
