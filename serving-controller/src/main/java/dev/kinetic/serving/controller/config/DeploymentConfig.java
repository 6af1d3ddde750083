package dev.kinetic.serving.controller.config;

import dev.kinetic.api.apis.ConfigValues;
import dev.kinetic.api.apis.Errors;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The {@code config-deployment} ConfigMap: how a Revision's Deployment is shaped, chiefly the queue-proxy sidecar's
 * image and resources. Keys and defaults are Knative's, except that the sidecar image has a default
 * ({@value #DEFAULT_QUEUE_SIDECAR_IMAGE}) where Knative requires the key, so a cluster without the ConfigMap still
 * starts revisions.
 *
 * @param queueSidecarImage the queue-proxy image ({@code queue-sidecar-image})
 * @param queueSidecarRequests queue-proxy resource requests by resource name ({@code cpu}, {@code memory},
 *     {@code ephemeral-storage}); only {@code cpu: 25m} by default
 * @param queueSidecarLimits queue-proxy resource limits by resource name; none by default
 * @param progressDeadline how long a Deployment may make no progress before the Revision fails
 *     ({@code progress-deadline}, 600s)
 * @param digestResolutionTimeout how long resolving one image tag to a digest may take
 *     ({@code digest-resolution-timeout}, 10s)
 * @param registriesSkippingTagResolving registries whose tags are used as they are, never resolved to digests
 *     ({@code registries-skipping-tag-resolving}, {@code kind.local,ko.local,dev.local})
 */
public record DeploymentConfig(
        String queueSidecarImage,
        Map<String, Quantity> queueSidecarRequests,
        Map<String, Quantity> queueSidecarLimits,
        Duration progressDeadline,
        Duration digestResolutionTimeout,
        Set<String> registriesSkippingTagResolving) {

    public static final String NAME = "config-deployment";

    /** The queue-proxy image used when {@code queue-sidecar-image} is not set. */
    public static final String DEFAULT_QUEUE_SIDECAR_IMAGE = "ghcr.io/kinetic-dev/queue-proxy:latest";

    /** The queue-proxy's CPU request when {@code queue-sidecar-cpu-request} is not set. */
    public static final String DEFAULT_QUEUE_SIDECAR_CPU_REQUEST = "25m";

    /** The resources whose queue-proxy request and limit can be configured, as Kubernetes names them. */
    public static final List<String> RESOURCES = List.of("cpu", "memory", "ephemeral-storage");

    public DeploymentConfig {
        queueSidecarRequests = Map.copyOf(queueSidecarRequests);
        queueSidecarLimits = Map.copyOf(queueSidecarLimits);
        registriesSkippingTagResolving = Set.copyOf(registriesSkippingTagResolving);
    }

    /** Knative's shipped values for every key. */
    public static DeploymentConfig defaults() {
        return fromMap(Map.of()).config();
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(DeploymentConfig config, Errors errors) {}

    /** Reads {@code data}; a bad value is reported under its key and replaced by the default. */
    public static Parsed fromMap(Map<String, String> data) {
        ConfigValues v = new ConfigValues(data);
        String image = v.string("queue-sidecar-image", DEFAULT_QUEUE_SIDECAR_IMAGE);
        Map<String, Quantity> requests = quantities(v, "request");
        requests.putIfAbsent("cpu", new Quantity(DEFAULT_QUEUE_SIDECAR_CPU_REQUEST));
        Map<String, Quantity> limits = quantities(v, "limit");
        Duration progressDeadline = positiveWholeSeconds(v, "progress-deadline", Duration.ofSeconds(600));
        Duration digestTimeout = positive(v, "digest-resolution-timeout", Duration.ofSeconds(10));
        Set<String> skipping = Arrays.stream(
                        v.string("registries-skipping-tag-resolving", "kind.local,ko.local,dev.local")
                                .split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return new Parsed(
                new DeploymentConfig(image, requests, limits, progressDeadline, digestTimeout, skipping), v.errors());
    }

    /** True when images from {@code registry} are used by tag, without resolving a digest. */
    public boolean skipsTagResolving(String registry) {
        return registriesSkippingTagResolving.contains(registry);
    }

    private static Map<String, Quantity> quantities(ConfigValues v, String kind) {
        Map<String, Quantity> result = new TreeMap<>();
        for (String resource : RESOURCES) {
            String key = "queue-sidecar-" + resource + "-" + kind;
            v.optional(key).ifPresent(text -> parseQuantity(text)
                    .ifPresentOrElse(
                            q -> result.put(resource, q),
                            () -> v.check(false, key, "expected a resource quantity such as 100m or 128Mi")));
        }
        return result;
    }

    /** A Kubernetes quantity, or empty when {@code text} is not one. */
    public static Optional<Quantity> parseQuantity(String text) {
        try {
            Quantity q = new Quantity(text.trim());
            Quantity.getAmountInBytes(q);
            return Optional.of(q);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Duration positive(ConfigValues v, String key, Duration fallback) {
        Duration d = v.duration(key, fallback);
        v.check(!d.isNegative() && !d.isZero(), key, "expected a positive duration");
        return d.isNegative() || d.isZero() ? fallback : d;
    }

    private static Duration positiveWholeSeconds(ConfigValues v, String key, Duration fallback) {
        Duration d = positive(v, key, fallback);
        v.check(d.getNano() == 0, key, "must be specified with at most second precision");
        return d.getNano() == 0 ? d : fallback;
    }
}
