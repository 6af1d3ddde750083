package dev.kinetic.autoscaler.metrics;

import static dev.kinetic.api.Knative.METRIC_AGGREGATION_ANNOTATION;

import dev.kinetic.api.autoscaling.v1alpha1.AutoscalingAnnotations;
import java.util.Map;

/** How a {@link BucketWindow} averages its buckets ({@code autoscaling.knative.dev/metric-aggregation-algorithm}). */
public enum Aggregation {
    /** Every bucket since the first write counts the same. */
    LINEAR,
    /**
     * Recent buckets weigh more: each older bucket's weight is the next one's times {@code 1 − α}, with α chosen so
     * that the window's weights add up to 99.99 %, but at least 0.2 (so a long window does not degrade into a plain
     * average).
     */
    WEIGHTED_EXPONENTIAL;

    /** The revision's choice; {@link #LINEAR} when absent or not one of the accepted spellings. */
    public static Aggregation of(Map<String, String> annotations) {
        return AutoscalingAnnotations.get(annotations, METRIC_AGGREGATION_ANNOTATION)
                .map(AutoscalingAnnotations.Value::text)
                .map(String::trim)
                .filter(t -> t.equals("weighted-exponential") || t.equals("weightedExponential"))
                .map(t -> WEIGHTED_EXPONENTIAL)
                .orElse(LINEAR);
    }
}
