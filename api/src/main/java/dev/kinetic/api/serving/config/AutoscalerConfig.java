package dev.kinetic.api.serving.config;

import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.ConfigValues;
import dev.kinetic.api.apis.Errors;
import java.util.Map;

/**
 * The keys of {@code config-autoscaler} that defaulting and admission validation read: the default autoscaler class,
 * the initial-scale rules and the max-scale ceiling. The autoscaler's own algorithm settings (windows, panic, rates)
 * are parsed by the autoscaler component, from the same ConfigMap.
 */
public record AutoscalerConfig(
        String podAutoscalerClass,
        long initialScale,
        boolean allowZeroInitialScale,
        long minScale,
        long maxScale,
        long maxScaleLimit,
        boolean enableScaleToZero) {

    public static final String NAME = "config-autoscaler";

    public static AutoscalerConfig defaults() {
        return fromMap(Map.of()).config();
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(AutoscalerConfig config, Errors errors) {}

    public static Parsed fromMap(Map<String, String> data) {
        ConfigValues v = new ConfigValues(data);
        String cls = v.string("pod-autoscaler-class", Knative.KPA_CLASS);
        long initial = v.integer("initial-scale", 1);
        boolean allowZero = v.bool("allow-zero-initial-scale", false);
        long min = v.integer("min-scale", 0);
        long max = v.integer("max-scale", 0);
        long limit = v.integer("max-scale-limit", 0);
        boolean scaleToZero = v.bool("enable-scale-to-zero", true);
        v.check(
                initial >= 0 && (initial > 0 || allowZero),
                "initial-scale",
                "expected >= 1, or >= 0 with allow-zero-initial-scale");
        v.check(min >= 0, "min-scale", "expected >= 0");
        v.check(max >= 0 && (max == 0 || max >= min), "max-scale", "expected >= 0 and >= min-scale");
        v.check(
                limit >= 0 && (limit == 0 || (max > 0 && max <= limit)),
                "max-scale-limit",
                "expected >= 0; when set, max-scale must be in [1, max-scale-limit]");
        return new Parsed(new AutoscalerConfig(cls, initial, allowZero, min, max, limit, scaleToZero), v.errors());
    }
}
