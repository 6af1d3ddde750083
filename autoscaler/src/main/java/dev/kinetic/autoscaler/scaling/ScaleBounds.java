package dev.kinetic.autoscaler.scaling;

import static dev.kinetic.api.Knative.MAX_SCALE_ANNOTATION;
import static dev.kinetic.api.Knative.MIN_SCALE_ANNOTATION;
import static dev.kinetic.api.Knative.SCALE_TO_ZERO_POD_RETENTION_ANNOTATION;

import dev.kinetic.autoscaler.config.KpaConfig;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The limits the KPA reconciler puts around a decider's desired scale, and the timings of its scale-to-zero gate,
 * for one revision (Knative {@code PodAutoscaler.ScaleBounds}, {@code GetInitialScale} and the retention lookup).
 *
 * @param min the least scale; 0 when the revision is unreachable (routingState reserve), whatever was asked for
 * @param max the most scale; 0 = unbounded
 * @param initial the scale a new revision starts at, until its scale target is initialized
 * @param enableScaleToZero false keeps at least one pod (config-autoscaler's {@code enable-scale-to-zero})
 * @param stableWindowMillis the revision's stable window: a newly active revision is held at one pod this long
 * @param scaleToZeroGracePeriodMillis how long the activator gets to enter the path before the last pod goes
 * @param podRetentionMillis how long the last pod stays after the decider first wanted zero
 */
public record ScaleBounds(
        int min,
        int max,
        int initial,
        boolean enableScaleToZero,
        long stableWindowMillis,
        long scaleToZeroGracePeriodMillis,
        long podRetentionMillis) {

    /**
     * The bounds of a revision from config + the PodAutoscaler's annotations. As in {@link DeciderSpec#resolve}, an
     * annotation that does not parse or is out of bounds falls back to the config value; a max-scale above
     * {@code max-scale-limit} (or 0, unlimited, while a limit is set) is such an out-of-bounds value.
     */
    public static ScaleBounds resolve(KpaConfig config, Map<String, String> annotations, boolean reachable) {
        int min = 0;
        if (reachable) {
            min = (int) Annotations.integer(annotations, MIN_SCALE_ANNOTATION, 0, Integer.MAX_VALUE)
                    .orElse(Annotations.saturatedInt(config.base().minScale()));
        }
        long limit = config.base().maxScaleLimit();
        OptionalLong annotatedMax = limit > 0
                ? Annotations.integer(annotations, MAX_SCALE_ANNOTATION, 1, Math.min(limit, Integer.MAX_VALUE))
                : Annotations.integer(annotations, MAX_SCALE_ANNOTATION, 0, Integer.MAX_VALUE);
        int max =
                (int) annotatedMax.orElse(Annotations.saturatedInt(config.base().maxScale()));
        long retention = Annotations.wholeSeconds(
                        annotations, SCALE_TO_ZERO_POD_RETENTION_ANNOTATION, Duration.ZERO, Duration.ofHours(1))
                .orElse(config.scaleToZeroPodRetentionPeriod().toMillis());
        return new ScaleBounds(
                min,
                max,
                Annotations.initialScale(config, annotations),
                config.base().enableScaleToZero(),
                Annotations.stableWindowMillis(config, annotations),
                config.scaleToZeroGracePeriod().toMillis(),
                retention);
    }
}
