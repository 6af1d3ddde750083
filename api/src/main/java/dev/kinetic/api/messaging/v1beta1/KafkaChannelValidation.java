package dev.kinetic.api.messaging.v1beta1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.eventing.EventingValidation;
import dev.kinetic.api.eventing.PureAdmission;
import dev.kinetic.api.messaging.v1.Channelables;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Kafka extension's validation of a KafkaChannel ({@code kafka_channel_validation.go}). Runs after defaulting,
 * so an absent topic setting is not an error.
 */
public final class KafkaChannelValidation {
    private KafkaChannelValidation() {}

    public static final Admission<KafkaChannel> ADMISSION = PureAdmission.of(
            (channel, config) -> KafkaChannelDefaults.setDefaults(channel),
            KafkaChannelValidation::validate,
            KafkaChannelValidation::validateUpdate);

    public static Errors validate(KafkaChannel channel) {
        Errors errors = Errors.none();
        KafkaChannelSpec spec = channel.getSpec();
        if (spec == null) {
            return errors;
        }
        if (spec.getNumPartitions() != null && spec.getNumPartitions() <= 0) {
            errors.add(FieldError.invalid(spec.getNumPartitions(), "spec.numPartitions", "must be greater than zero"));
        }
        if (spec.getReplicationFactor() != null && spec.getReplicationFactor() <= 0) {
            errors.add(FieldError.invalid(
                    spec.getReplicationFactor(), "spec.replicationFactor", "must be greater than zero"));
        }
        String retention = spec.getRetentionDuration();
        if (retention != null) {
            Optional<Duration> parsed = Durations.parseIso8601(retention);
            if (parsed.isEmpty()) {
                errors.add(FieldError.invalid(
                        retention, "spec.retentionDuration", "expected an ISO-8601 duration such as PT168H"));
            } else if (parsed.get().isNegative() || parsed.get().isZero()) {
                errors.add(FieldError.invalid(retention, "spec.retentionDuration", "must be greater than zero"));
            }
        }
        errors.via("spec", Channelables.validate(spec));
        return errors;
    }

    /**
     * The topic's shape is fixed once created. A channel stored without a retention may gain one (Knative allows it
     * for channels created before the field existed).
     */
    public static Errors validateUpdate(KafkaChannel previous, KafkaChannel updated) {
        Errors errors = validate(updated);
        immutable(errors, "spec.numPartitions", previous, updated, KafkaChannelSpec::getNumPartitions);
        immutable(errors, "spec.replicationFactor", previous, updated, KafkaChannelSpec::getReplicationFactor);
        Object previousRetention = field(previous, KafkaChannelSpec::getRetentionDuration);
        if (previousRetention != null && !"".equals(previousRetention)) {
            immutable(errors, "spec.retentionDuration", previous, updated, KafkaChannelSpec::getRetentionDuration);
        }
        return errors;
    }

    private static void immutable(
            Errors errors,
            String path,
            KafkaChannel previous,
            KafkaChannel updated,
            Function<KafkaChannelSpec, Object> field) {
        EventingValidation.immutable(errors, path, field(previous, field), field(updated, field));
    }

    private static Object field(KafkaChannel channel, Function<KafkaChannelSpec, Object> field) {
        return channel.getSpec() == null ? null : field.apply(channel.getSpec());
    }
}
