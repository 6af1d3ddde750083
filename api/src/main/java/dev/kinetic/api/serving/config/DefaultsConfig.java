package dev.kinetic.api.serving.config;

import dev.kinetic.api.apis.ConfigValues;
import dev.kinetic.api.apis.Errors;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code config-defaults} ConfigMap: what a revision gets when its spec leaves a value out, and the bounds
 * validation enforces. Keys and defaults are Knative's.
 */
public record DefaultsConfig(
        long revisionTimeoutSeconds,
        long maxRevisionTimeoutSeconds,
        long revisionResponseStartTimeoutSeconds,
        long revisionIdleTimeoutSeconds,
        String userContainerName,
        String initContainerName,
        long containerConcurrency,
        long containerConcurrencyMaxLimit,
        boolean allowContainerConcurrencyZero,
        Optional<Boolean> enableServiceLinks,
        Map<String, Quantity> revisionRequests,
        Map<String, Quantity> revisionLimits) {

    public static final String NAME = "config-defaults";

    public static DefaultsConfig defaults() {
        return fromMap(Map.of()).config();
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(DefaultsConfig config, Errors errors) {}

    public static Parsed fromMap(Map<String, String> data) {
        ConfigValues v = new ConfigValues(data);
        long timeout = v.integer("revision-timeout-seconds", 300);
        long maxTimeout = v.integer("max-revision-timeout-seconds", 600);
        long responseStart = v.integer("revision-response-start-timeout-seconds", 300);
        long idle = v.integer("revision-idle-timeout-seconds", 0);
        long cc = v.integer("container-concurrency", 0);
        long ccMax = v.integer("container-concurrency-max-limit", 1000);
        boolean allowZero = v.bool("allow-container-concurrency-zero", true);
        // Knative ships enable-service-links "false"; "default" leaves the field to Kubernetes' default.
        Optional<Boolean> serviceLinks =
                v.string("enable-service-links", "false").equalsIgnoreCase("default")
                        ? Optional.empty()
                        : Optional.of(v.bool("enable-service-links", false));
        v.check(
                timeout > 0 && timeout <= maxTimeout,
                "revision-timeout-seconds",
                "expected 0 < value <= max-revision-timeout-seconds");
        v.check(
                responseStart >= 0 && responseStart <= maxTimeout,
                "revision-response-start-timeout-seconds",
                "expected 0 <= value <= max-revision-timeout-seconds");
        v.check(
                idle >= 0 && idle <= maxTimeout,
                "revision-idle-timeout-seconds",
                "expected 0 <= value <= max-revision-timeout-seconds");
        v.check(ccMax >= 1, "container-concurrency-max-limit", "expected at least 1");
        v.check(
                cc >= (allowZero ? 0 : 1) && cc <= ccMax,
                "container-concurrency",
                "expected within [0 or 1, container-concurrency-max-limit]");
        String userName = v.string("container-name-template", "user-container");
        String initName = v.string("init-container-name-template", "init-container");
        Map<String, Quantity> requests = quantities(v, "request");
        Map<String, Quantity> limits = quantities(v, "limit");
        return new Parsed(
                new DefaultsConfig(
                        timeout,
                        maxTimeout,
                        responseStart,
                        idle,
                        userName,
                        initName,
                        cc,
                        ccMax,
                        allowZero,
                        serviceLinks,
                        requests,
                        limits),
                v.errors());
    }

    private static Map<String, Quantity> quantities(ConfigValues v, String kind) {
        java.util.Map<String, Quantity> result = new java.util.TreeMap<>();
        for (String resource : new String[] {"cpu", "memory", "ephemeral-storage"}) {
            String key = "revision-" + resource + "-" + kind;
            v.optional(key).ifPresent(text -> {
                try {
                    Quantity q = new Quantity(text);
                    Quantity.getAmountInBytes(q);
                    result.put(resource, q);
                } catch (RuntimeException e) {
                    v.check(false, key, "expected a resource quantity such as 100m or 128Mi");
                }
            });
        }
        return Map.copyOf(result);
    }
}
