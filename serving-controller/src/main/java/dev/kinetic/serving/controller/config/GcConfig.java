package dev.kinetic.serving.controller.config;

import dev.kinetic.api.apis.ConfigValues;
import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code config-gc} ConfigMap: when a Configuration's non-active Revisions are deleted. Keys, defaults and the
 * {@code "disabled"} value are Knative's; an empty {@link Optional} / {@link OptionalLong} means disabled.
 *
 * @param retainSinceCreateTime {@code retain-since-create-time} (48h): a Revision younger than this is kept
 * @param retainSinceLastActiveTime {@code retain-since-last-active-time} (15h): a Revision routed more recently than
 *     this is kept
 * @param minNonActiveRevisions {@code min-non-active-revisions} (20): this many non-active Revisions are always kept
 * @param maxNonActiveRevisions {@code max-non-active-revisions} (1000): beyond this many the oldest non-active
 *     Revisions are deleted whatever their age
 */
public record GcConfig(
        Optional<Duration> retainSinceCreateTime,
        Optional<Duration> retainSinceLastActiveTime,
        long minNonActiveRevisions,
        OptionalLong maxNonActiveRevisions) {

    public static final String NAME = "config-gc";
    public static final String DISABLED = "disabled";

    public static final String RETAIN_SINCE_CREATE_TIME_KEY = "retain-since-create-time";
    public static final String RETAIN_SINCE_LAST_ACTIVE_TIME_KEY = "retain-since-last-active-time";
    public static final String MIN_NON_ACTIVE_REVISIONS_KEY = "min-non-active-revisions";
    public static final String MAX_NON_ACTIVE_REVISIONS_KEY = "max-non-active-revisions";

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(GcConfig config, Errors errors) {}

    /** Knative's values for every key. */
    public static GcConfig defaults() {
        return fromMap(Map.of()).config();
    }

    public static Parsed fromMap(Map<String, String> data) {
        ConfigValues v = new ConfigValues(data);
        Errors errors = Errors.none();
        Optional<Duration> sinceCreate = duration(v, errors, RETAIN_SINCE_CREATE_TIME_KEY, Duration.ofHours(48));
        Optional<Duration> sinceActive = duration(v, errors, RETAIN_SINCE_LAST_ACTIVE_TIME_KEY, Duration.ofHours(15));
        long min = v.integer(MIN_NON_ACTIVE_REVISIONS_KEY, 20);
        if (min < 0) {
            errors.add(FieldError.invalid(min, MIN_NON_ACTIVE_REVISIONS_KEY, "expected 0 or more"));
            min = 20;
        }
        OptionalLong max;
        if (v.string(MAX_NON_ACTIVE_REVISIONS_KEY, "").equalsIgnoreCase(DISABLED)) {
            max = OptionalLong.empty();
        } else {
            long value = v.integer(MAX_NON_ACTIVE_REVISIONS_KEY, 1000);
            if (value < 0) {
                errors.add(FieldError.invalid(value, MAX_NON_ACTIVE_REVISIONS_KEY, "expected 0 or more, or disabled"));
                value = 1000;
            }
            max = OptionalLong.of(value);
        }
        if (max.isPresent() && min > max.getAsLong()) {
            errors.add(FieldError.invalid(
                    min,
                    MIN_NON_ACTIVE_REVISIONS_KEY,
                    "must be at most max-non-active-revisions (" + max.getAsLong() + ")"));
        }
        errors.addAll(v.errors());
        return new Parsed(new GcConfig(sinceCreate, sinceActive, min, max), errors);
    }

    private static Optional<Duration> duration(ConfigValues v, Errors errors, String key, Duration fallback) {
        String text = v.string(key, "");
        if (text.isEmpty()) {
            return Optional.of(fallback);
        }
        if (text.equalsIgnoreCase(DISABLED)) {
            return Optional.empty();
        }
        Optional<Duration> parsed = Durations.parseGo(text);
        if (parsed.isEmpty() || parsed.get().isNegative()) {
            errors.add(FieldError.invalid(text, key, "expected a non-negative duration such as 48h, or disabled"));
            return Optional.of(fallback);
        }
        return parsed;
    }
}
