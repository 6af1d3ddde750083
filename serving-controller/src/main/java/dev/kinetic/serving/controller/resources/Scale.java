package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.AutoscalingAnnotations;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.v1.Revision;
import java.util.Optional;

/** How many pods a new Revision's Deployment starts with, before the autoscaler takes over. */
public final class Scale {
    private Scale() {}

    /**
     * The initial scale ({@code autoscaling.knative.dev/initial-scale}, else {@code config-autoscaler}'s
     * {@code initial-scale}), raised to the min-scale and capped by a non-zero max-scale: starting below min-scale
     * would only make the autoscaler scale straight up, and starting above max-scale straight down. An annotation
     * that validation would reject is ignored in favour of the config value.
     */
    public static int initialReplicas(Revision rev, AutoscalerConfig config) {
        long initial = annotation(rev, Knative.INITIAL_SCALE_ANNOTATION)
                .filter(i -> i > 0 || (i == 0 && config.allowZeroInitialScale()))
                .orElse(config.initialScale());
        long min = annotation(rev, Knative.MIN_SCALE_ANNOTATION).orElse(config.minScale());
        long max = annotation(rev, Knative.MAX_SCALE_ANNOTATION).orElse(config.maxScale());
        long replicas = Math.max(initial, min);
        if (max > 0) {
            replicas = Math.min(replicas, max);
        }
        return (int) Math.min(replicas, Integer.MAX_VALUE);
    }

    private static Optional<Long> annotation(Revision rev, String key) {
        return AutoscalingAnnotations.get(rev.getMetadata().getAnnotations(), key)
                .flatMap(v -> {
                    try {
                        return Optional.of(Long.parseLong(v.text().trim()));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .filter(n -> n >= 0);
    }
}
