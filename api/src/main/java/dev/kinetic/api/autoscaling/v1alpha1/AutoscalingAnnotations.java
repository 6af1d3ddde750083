package dev.kinetic.api.autoscaling.v1alpha1;

import static dev.kinetic.api.Knative.*;

import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reading and validating the per-revision autoscaling annotations ({@code autoscaling.knative.dev/…}) and the
 * queue-sidecar resource annotations. The legacy camelCase spellings (e.g. {@code minScale}) are accepted as
 * Knative accepts them; giving both spellings of one key is an error. Error paths are the annotation keys; callers
 * put {@code metadata.annotations} in front.
 */
public final class AutoscalingAnnotations {
    private AutoscalingAnnotations() {}

    public static final String METRIC_CONCURRENCY = "concurrency";
    public static final String METRIC_RPS = "rps";
    public static final String METRIC_CPU = "cpu";
    public static final String METRIC_MEMORY = "memory";

    /** Canonical key → legacy aliases. */
    static final Map<String, List<String>> ALIASES = aliases();

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(MIN_SCALE_ANNOTATION, List.of(AUTOSCALING_PREFIX + "minScale"));
        m.put(MAX_SCALE_ANNOTATION, List.of(AUTOSCALING_PREFIX + "maxScale"));
        m.put(INITIAL_SCALE_ANNOTATION, List.of(AUTOSCALING_PREFIX + "initialScale"));
        m.put(TARGET_UTILIZATION_ANNOTATION, List.of(AUTOSCALING_PREFIX + "targetUtilizationPercentage"));
        m.put(PANIC_WINDOW_PERCENTAGE_ANNOTATION, List.of(AUTOSCALING_PREFIX + "panicWindowPercentage"));
        m.put(PANIC_THRESHOLD_PERCENTAGE_ANNOTATION, List.of(AUTOSCALING_PREFIX + "panicThresholdPercentage"));
        m.put(TARGET_BURST_CAPACITY_ANNOTATION, List.of(AUTOSCALING_PREFIX + "targetBurstCapacity"));
        m.put(SCALE_DOWN_DELAY_ANNOTATION, List.of(AUTOSCALING_PREFIX + "scaleDownDelay"));
        m.put(SCALE_TO_ZERO_POD_RETENTION_ANNOTATION, List.of(AUTOSCALING_PREFIX + "scaleToZeroPodRetentionPeriod"));
        m.put(METRIC_AGGREGATION_ANNOTATION, List.of(AUTOSCALING_PREFIX + "metricAggregationAlgorithm"));
        m.put(ACTIVATION_SCALE_ANNOTATION, List.of());
        m.put(CLASS_ANNOTATION, List.of());
        m.put(METRIC_ANNOTATION, List.of());
        m.put(TARGET_ANNOTATION, List.of());
        m.put(WINDOW_ANNOTATION, List.of());
        return Map.copyOf(m);
    }

    /** A value found under the canonical key or one of its aliases, with the key it was found under. */
    public record Value(String key, String text) {}

    /** The value of {@code canonical}, looked up under its legacy spellings too. */
    public static Optional<Value> get(Map<String, String> annotations, String canonical) {
        if (annotations == null) {
            return Optional.empty();
        }
        if (annotations.containsKey(canonical)) {
            return Optional.of(new Value(canonical, annotations.get(canonical)));
        }
        for (String alias : ALIASES.getOrDefault(canonical, List.of())) {
            if (annotations.containsKey(alias)) {
                return Optional.of(new Value(alias, annotations.get(alias)));
            }
        }
        return Optional.empty();
    }

    /** True when any annotation is in the {@code autoscaling.knative.dev} group. */
    public static Optional<String> anyAutoscalingKey(Map<String, String> annotations) {
        return annotations == null
                ? Optional.empty()
                : annotations.keySet().stream()
                        .filter(k -> k.startsWith(AUTOSCALING_PREFIX))
                        .sorted()
                        .findFirst();
    }

    /** Every error in the autoscaling and queue-sidecar annotations. */
    public static Errors validate(Map<String, String> annotations, AutoscalerConfig config) {
        Errors errors = Errors.none();
        if (annotations == null || annotations.isEmpty()) {
            return errors;
        }
        for (Map.Entry<String, List<String>> e : ALIASES.entrySet()) {
            for (String alias : e.getValue()) {
                if (annotations.containsKey(e.getKey()) && annotations.containsKey(alias)) {
                    errors.add(FieldError.multipleOneOf(e.getKey(), alias));
                }
            }
        }
        String cls = get(annotations, CLASS_ANNOTATION).map(Value::text).orElse(config.podAutoscalerClass());
        get(annotations, CLASS_ANNOTATION).ifPresent(v -> {
            if (v.text().endsWith(".knative.dev")
                    && !v.text().equals(KPA_CLASS)
                    && !v.text().equals(HPA_CLASS)) {
                errors.add(FieldError.invalid(v.text(), v.key()));
            }
        });
        get(annotations, METRIC_ANNOTATION).ifPresent(v -> validateMetric(errors, cls, v));

        Optional<Long> min = integer(errors, annotations, MIN_SCALE_ANNOTATION, 0, Integer.MAX_VALUE);
        Optional<Long> max = integer(errors, annotations, MAX_SCALE_ANNOTATION, 0, Integer.MAX_VALUE);
        validateMaxScale(errors, annotations, min, max, config);

        get(annotations, TARGET_ANNOTATION).ifPresent(v -> decimal(v)
                .ifPresentOrElse(
                        t -> {
                            if (t < 0.01) {
                                errors.add(FieldError.outOfBounds(v.text(), "0.01", Float.MAX_VALUE, v.key()));
                            }
                        },
                        () -> errors.add(FieldError.invalid(v.text(), v.key()))));
        percentage(errors, annotations, TARGET_UTILIZATION_ANNOTATION, 1, 100);
        percentage(errors, annotations, PANIC_WINDOW_PERCENTAGE_ANNOTATION, 1, 100);
        percentage(errors, annotations, PANIC_THRESHOLD_PERCENTAGE_ANNOTATION, 110, 1000);
        get(annotations, TARGET_BURST_CAPACITY_ANNOTATION).ifPresent(v -> decimal(v)
                .ifPresentOrElse(
                        tbc -> {
                            if (tbc < 0 && tbc != -1) {
                                errors.add(
                                        FieldError.invalid(v.text(), v.key(), "must be -1 or a non-negative number"));
                            }
                        },
                        () -> errors.add(FieldError.invalid(v.text(), v.key()))));
        duration(errors, annotations, WINDOW_ANNOTATION, Duration.ofSeconds(6), Duration.ofHours(1));
        duration(errors, annotations, SCALE_DOWN_DELAY_ANNOTATION, Duration.ZERO, Duration.ofHours(1));
        duration(errors, annotations, SCALE_TO_ZERO_POD_RETENTION_ANNOTATION, Duration.ZERO, Duration.ofHours(1));

        Optional<Long> activation = integer(errors, annotations, ACTIVATION_SCALE_ANNOTATION, 2, Integer.MAX_VALUE);
        activation.ifPresent(a -> {
            String key = get(annotations, ACTIVATION_SCALE_ANNOTATION).get().key();
            if (min.isPresent() && a < min.get()) {
                errors.add(FieldError.of("activation-scale=" + a + " is less than min-scale=" + min.get(), key));
            } else if (max.isPresent() && max.get() > 0 && a > max.get()) {
                errors.add(FieldError.of("activation-scale=" + a + " is greater than max-scale=" + max.get(), key));
            }
        });
        get(annotations, INITIAL_SCALE_ANNOTATION).ifPresent(v -> integerValue(v)
                .ifPresentOrElse(
                        i -> {
                            if (i < 0 || i > Integer.MAX_VALUE) {
                                errors.add(FieldError.outOfBounds(i, 0, Integer.MAX_VALUE, v.key()));
                            } else if (i == 0 && !config.allowZeroInitialScale()) {
                                errors.add(FieldError.invalid(
                                        0,
                                        v.key(),
                                        "initial-scale=0 needs allow-zero-initial-scale=true in config-autoscaler"));
                            }
                        },
                        () -> errors.add(FieldError.invalid(v.text(), v.key()))));
        get(annotations, METRIC_AGGREGATION_ANNOTATION).ifPresent(v -> {
            if (!List.of("linear", "weighted-exponential", "weightedExponential")
                    .contains(v.text())) {
                errors.add(FieldError.invalid(v.text(), v.key(), "expected linear or weighted-exponential"));
            }
        });
        wholeSeconds(errors, annotations, ROLLOUT_DURATION_ANNOTATION);
        wholeSeconds(errors, annotations, PROGRESS_DEADLINE_ANNOTATION);
        annotations.forEach((key, value) -> {
            if (key.startsWith(QUEUE_SIDECAR_PREFIX) && key.matches(".*-resource-(request|limit)$")) {
                try {
                    Quantity.getAmountInBytes(new Quantity(value));
                } catch (RuntimeException e) {
                    errors.add(FieldError.invalid(value, key, "expected a resource quantity such as 100m or 128Mi"));
                }
            }
        });
        return errors;
    }

    private static void validateMetric(Errors errors, String cls, Value v) {
        boolean ok = KPA_CLASS.equals(cls)
                ? v.text().equals(METRIC_CONCURRENCY) || v.text().equals(METRIC_RPS)
                : !v.text().isBlank();
        if (!ok) {
            errors.add(FieldError.invalid(
                    v.text(), v.key(), "the " + cls + " class supports the metrics concurrency and rps"));
        }
    }

    private static void validateMaxScale(
            Errors errors,
            Map<String, String> annotations,
            Optional<Long> min,
            Optional<Long> max,
            AutoscalerConfig config) {
        Optional<Value> maxValue = get(annotations, MAX_SCALE_ANNOTATION);
        if (min.isPresent() && max.isPresent() && max.get() != 0 && max.get() < min.get()) {
            errors.add(FieldError.of(
                    "max-scale=" + max.get() + " is less than min-scale=" + min.get(),
                    maxValue.get().key(),
                    get(annotations, MIN_SCALE_ANNOTATION).get().key()));
        }
        if (config.maxScaleLimit() > 0 && max.isPresent()) {
            if (max.get() == 0) {
                errors.add(FieldError.of(
                        "max-scale=0 (unlimited), must be less than " + config.maxScaleLimit(),
                        maxValue.get().key()));
            } else if (max.get() > config.maxScaleLimit()) {
                errors.add(FieldError.outOfBounds(
                        max.get(), 1, config.maxScaleLimit(), maxValue.get().key()));
            }
        }
    }

    private static Optional<Long> integer(
            Errors errors, Map<String, String> annotations, String key, long lo, long hi) {
        Optional<Value> value = get(annotations, key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> parsed = integerValue(value.get());
        if (parsed.isEmpty()) {
            errors.add(FieldError.invalid(value.get().text(), value.get().key()));
            return Optional.empty();
        }
        if (parsed.get() < lo || parsed.get() > hi) {
            errors.add(FieldError.outOfBounds(parsed.get(), lo, hi, value.get().key()));
            return Optional.empty();
        }
        return parsed;
    }

    private static void percentage(Errors errors, Map<String, String> annotations, String key, double lo, double hi) {
        get(annotations, key).ifPresent(v -> decimal(v)
                .ifPresentOrElse(
                        p -> {
                            if (p < lo || p > hi) {
                                errors.add(FieldError.outOfBounds(v.text(), (long) lo, (long) hi, v.key()));
                            }
                        },
                        () -> errors.add(FieldError.invalid(v.text(), v.key()))));
    }

    private static void duration(Errors errors, Map<String, String> annotations, String key, Duration lo, Duration hi) {
        get(annotations, key).ifPresent(v -> {
            Optional<Duration> d = Durations.parseGo(v.text());
            if (d.isEmpty()) {
                errors.add(FieldError.invalid(v.text(), v.key()));
            } else if (d.get().compareTo(lo) < 0 || d.get().compareTo(hi) > 0) {
                errors.add(FieldError.outOfBounds(v.text(), goText(lo), goText(hi), v.key()));
            } else if (d.get().getNano() != 0) {
                errors.add(FieldError.invalid(v.text(), v.key(), "must be specified with at most second precision"));
            }
        });
    }

    private static void wholeSeconds(Errors errors, Map<String, String> annotations, String key) {
        String text = annotations.get(key);
        if (text == null) {
            return;
        }
        Optional<Duration> d = Durations.parseGo(text);
        if (d.isEmpty() || d.get().isNegative()) {
            errors.add(FieldError.invalid(text, key, "expected a non-negative duration such as 120s"));
        } else if (d.get().getNano() != 0) {
            errors.add(FieldError.invalid(text, key, "must be specified with at most second precision"));
        }
    }

    private static Optional<Long> integerValue(Value v) {
        try {
            return Optional.of(Long.parseLong(v.text().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Double> decimal(Value v) {
        try {
            double d = Double.parseDouble(v.text().trim());
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String goText(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        return d.toHours() > 0 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0
                ? d.toHours() + "h0m0s"
                : d.toSeconds() + "s";
    }
}
