package dev.kinetic.api.sources.v1beta1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import dev.kinetic.api.sources.v1.SourceValidation;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;

/** The Kafka extension's validation of a KafkaSource ({@code kafka_validation.go}). */
public final class KafkaSourceValidation {
    private KafkaSourceValidation() {}

    public static final Admission<KafkaSource> ADMISSION = PureAdmission.of(
            (source, config) -> KafkaSourceDefaults.setDefaults(source),
            KafkaSourceValidation::validate,
            KafkaSourceValidation::validateUpdate);

    /**
     * Bootstrap servers and topics given, at least one consumer, a known initial offset and ordering, complete
     * secret references, a valid delivery and sink.
     */
    public static Errors validate(KafkaSource source) {
        KafkaSourceSpec spec = source.getSpec() == null ? new KafkaSourceSpec() : source.getSpec();
        return Errors.none().via("spec", validateSpec(spec));
    }

    /** The consumer group cannot change once set: it holds the committed offsets. */
    public static Errors validateUpdate(KafkaSource previous, KafkaSource updated) {
        Errors errors = validate(updated);
        String before = previous.getSpec() == null ? null : previous.getSpec().getConsumerGroup();
        String after = updated.getSpec() == null ? null : updated.getSpec().getConsumerGroup();
        if (!EventingValidation.isBlank(before)) {
            EventingValidation.immutable(errors, "spec.consumerGroup", before, after);
        }
        return errors;
    }

    private static Errors validateSpec(KafkaSourceSpec spec) {
        Errors errors = Errors.none();
        errors.addAll(SourceValidation.validate(spec));
        nonEmpty(errors, spec.getBootstrapServers(), "bootstrapServers");
        nonEmpty(errors, spec.getTopics(), "topics");
        if (spec.getConsumers() != null && spec.getConsumers() < 1) {
            errors.add(FieldError.invalid(spec.getConsumers(), "consumers", "must be at least 1"));
        }
        String offset = spec.getInitialOffset();
        if (offset != null
                && !offset.equals(KafkaSourceSpec.OFFSET_EARLIEST)
                && !offset.equals(KafkaSourceSpec.OFFSET_LATEST)) {
            errors.add(FieldError.invalid(offset, "initialOffset", "expected one of: earliest, latest"));
        }
        String ordering = spec.getOrdering();
        if (ordering != null
                && !ordering.equals(KafkaSourceSpec.ORDERED)
                && !ordering.equals(KafkaSourceSpec.UNORDERED)) {
            errors.add(FieldError.invalid(ordering, "ordering", "expected one of: ordered, unordered"));
        }
        errors.via("delivery", DuckValidation.validate(spec.getDelivery()));
        if (spec.getNet() != null) {
            errors.via("net", net(spec.getNet()));
        }
        return errors;
    }

    private static void nonEmpty(Errors errors, List<String> values, String path) {
        if (values == null || values.isEmpty()) {
            errors.add(FieldError.missing(path));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (EventingValidation.isBlank(values.get(i))) {
                errors.add(FieldError.missing(Errors.index(path, i)));
            }
        }
    }

    private static Errors net(KafkaNetSpec net) {
        Errors errors = Errors.none();
        KafkaSASLSpec sasl = net.getSasl();
        if (sasl != null) {
            secret(errors, "sasl.user", sasl.getUser());
            secret(errors, "sasl.password", sasl.getPassword());
            secret(errors, "sasl.type", sasl.getType());
        }
        KafkaTLSSpec tls = net.getTls();
        if (tls != null) {
            secret(errors, "tls.cert", tls.getCert());
            secret(errors, "tls.key", tls.getKey());
            secret(errors, "tls.caCert", tls.getCaCert());
        }
        return errors;
    }

    private static void secret(Errors errors, String path, SecretValueFromSource value) {
        SecretKeySelector ref = value == null ? null : value.getSecretKeyRef();
        if (ref == null) {
            return;
        }
        if (EventingValidation.isBlank(ref.getName())) {
            errors.add(FieldError.missing(path + ".secretKeyRef.name"));
        }
        if (EventingValidation.isBlank(ref.getKey())) {
            errors.add(FieldError.missing(path + ".secretKeyRef.key"));
        }
    }
}
