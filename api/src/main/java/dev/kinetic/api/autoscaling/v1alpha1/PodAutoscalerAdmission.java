package dev.kinetic.api.autoscaling.v1alpha1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Defaults (class and metric annotations, protocol) and validation of a PodAutoscaler. The serving controller
 * writes these objects, so validation guards against controller bugs as much as user edits.
 */
public final class PodAutoscalerAdmission implements Admission<PodAutoscaler> {
    public static final PodAutoscalerAdmission INSTANCE = new PodAutoscalerAdmission();

    private PodAutoscalerAdmission() {}

    @Override
    public void setDefaults(PodAutoscaler pa, ApiConfig config) {
        Map<String, String> annotations = new HashMap<>(
                pa.getMetadata().getAnnotations() == null
                        ? Map.of()
                        : pa.getMetadata().getAnnotations());
        String cls = AutoscalingAnnotations.get(annotations, Knative.CLASS_ANNOTATION)
                .map(AutoscalingAnnotations.Value::text)
                .orElse(config.serving().autoscaler().podAutoscalerClass());
        annotations.putIfAbsent(Knative.CLASS_ANNOTATION, cls);
        if (AutoscalingAnnotations.get(annotations, Knative.METRIC_ANNOTATION).isEmpty()) {
            annotations.put(
                    Knative.METRIC_ANNOTATION,
                    Knative.KPA_CLASS.equals(cls)
                            ? AutoscalingAnnotations.METRIC_CONCURRENCY
                            : AutoscalingAnnotations.METRIC_CPU);
        }
        pa.getMetadata().setAnnotations(annotations);
        if (pa.getSpec() != null && pa.getSpec().getProtocolType() == null) {
            pa.getSpec().setProtocolType(PodAutoscalerSpec.PROTOCOL_HTTP1);
        }
    }

    @Override
    public Errors validate(PodAutoscaler pa, ApiConfig config) {
        Errors errors = Errors.none();
        if (pa.getMetadata() != null) {
            errors.via(
                    "metadata.annotations",
                    AutoscalingAnnotations.validate(
                            pa.getMetadata().getAnnotations(), config.serving().autoscaler()));
        }
        PodAutoscalerSpec spec = pa.getSpec();
        if (spec == null) {
            return errors.add(FieldError.missing("spec"));
        }
        var ref = spec.getScaleTargetRef();
        if (ref == null) {
            errors.add(FieldError.missing("spec.scaleTargetRef"));
        } else {
            if (isEmpty(ref.getApiVersion())) {
                errors.add(FieldError.missing("spec.scaleTargetRef.apiVersion"));
            }
            if (isEmpty(ref.getKind())) {
                errors.add(FieldError.missing("spec.scaleTargetRef.kind"));
            }
            if (isEmpty(ref.getName())) {
                errors.add(FieldError.missing("spec.scaleTargetRef.name"));
            }
        }
        long max = config.serving().defaults().containerConcurrencyMaxLimit();
        if (spec.getContainerConcurrency() != null
                && (spec.getContainerConcurrency() < 0 || spec.getContainerConcurrency() > max)) {
            errors.add(FieldError.outOfBounds(spec.getContainerConcurrency(), 0, max, "spec.containerConcurrency"));
        }
        if (spec.getReachability() != null
                && !Set.of("", PodAutoscalerSpec.REACHABLE, PodAutoscalerSpec.UNREACHABLE)
                        .contains(spec.getReachability())) {
            errors.add(FieldError.invalid(spec.getReachability(), "spec.reachability"));
        }
        if (spec.getProtocolType() != null
                && !Set.of(PodAutoscalerSpec.PROTOCOL_HTTP1, PodAutoscalerSpec.PROTOCOL_H2C)
                        .contains(spec.getProtocolType())) {
            errors.add(FieldError.invalid(spec.getProtocolType(), "spec.protocolType"));
        }
        return errors;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
