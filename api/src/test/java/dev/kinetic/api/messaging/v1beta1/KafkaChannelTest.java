package dev.kinetic.api.messaging.v1beta1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.messaging.v1.SubscriberSpec;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaChannelTest {

    static final KafkaChannel CHANNEL = parse("""
            apiVersion: messaging.knative.dev/v1beta1
            kind: KafkaChannel
            metadata:
              name: orders
              namespace: shop
            spec:
              numPartitions: 3
              replicationFactor: 1
              retentionDuration: PT72H
            """, KafkaChannel.class);

    static void allTrue(KafkaChannelStatus s) {
        s.initializeConditions();
        s.markAddress(new Addressable().setUrl("http://orders-kn-channel.shop.svc.cluster.local"));
        s.markConfigTrue();
        s.markTopicTrue();
        s.markChannelServiceTrue();
        s.markDataPlaneAvailable();
        s.markConfigMapUpdated();
        s.markProbeSucceeded();
        s.markDeadLetterSinkNotConfigured();
    }

    static Arguments lifecycleRow(String name, Consumer<KafkaChannelStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", KafkaChannelStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", KafkaChannelTest::allTrue, "True", null),
                lifecycleRow(
                        "no address",
                        s -> {
                            allTrue(s);
                            s.markAddress(null);
                        },
                        "False",
                        "EmptyURL"),
                lifecycleRow(
                        "config failed",
                        s -> {
                            allTrue(s);
                            s.markConfigFailed("InvalidConfiguration", "no bootstrap servers");
                        },
                        "False",
                        "InvalidConfiguration"),
                lifecycleRow(
                        "topic failed",
                        s -> {
                            allTrue(s);
                            s.markTopicFailed("TopicFailed", "not authorized");
                        },
                        "False",
                        "TopicFailed"),
                lifecycleRow(
                        "channel service failed",
                        s -> {
                            allTrue(s);
                            s.markChannelServiceFailed("ChannelServiceFailed", "conflict");
                        },
                        "False",
                        "ChannelServiceFailed"),
                lifecycleRow(
                        "data plane down",
                        s -> {
                            allTrue(s);
                            s.markDataPlaneNotAvailable("NoReceivers", "");
                        },
                        "False",
                        "NoReceivers"),
                lifecycleRow(
                        "contract not written",
                        s -> {
                            allTrue(s);
                            s.markConfigMapFailed("ContractConflict", "");
                        },
                        "False",
                        "ContractConflict"),
                lifecycleRow(
                        "probe failed",
                        s -> {
                            allTrue(s);
                            s.markProbeFailed("ProbeFailed", "404");
                        },
                        "False",
                        "ProbeFailed"),
                lifecycleRow(
                        "probe pending",
                        s -> {
                            allTrue(s);
                            s.markProbeUnknown("ProbeInProgress", "");
                        },
                        "Unknown",
                        "ProbeInProgress"),
                lifecycleRow(
                        "dead-letter sink failed",
                        s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolvedFailed("Unresolved", "");
                        },
                        "False",
                        "Unresolved"),
                lifecycleRow(
                        "dead-letter sink resolved",
                        s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolved(new Addressable().setUrl("http://dls"));
                        },
                        "True",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheKafkaChannelConditions(Consumer<KafkaChannelStatus> marks, String ready, String readyReason) {
        KafkaChannelStatus status = new KafkaChannelStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void readyOnlyForTheObservedGeneration() {
        KafkaChannel channel = with(CHANNEL, c -> {
            c.getMetadata().setGeneration(4L);
            c.setStatus(new KafkaChannelStatus());
            allTrue(c.getStatus());
            c.getStatus().setObservedGeneration(4L);
        });
        assertThat(channel.isReady()).isTrue();
        channel.getMetadata().setGeneration(5L);
        assertThat(channel.isReady()).isFalse();
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of(Named.of("no spec", (Consumer<KafkaChannel>) c -> c.setSpec(null)), 1, 1, "PT168H"),
                Arguments.of(
                        Named.of("zero counts as unset", (Consumer<KafkaChannel>) c -> {
                            c.getSpec().setNumPartitions(0);
                            c.getSpec().setReplicationFactor(0);
                            c.getSpec().setRetentionDuration("");
                        }),
                        1,
                        1,
                        "PT168H"),
                Arguments.of(Named.of("own values kept", (Consumer<KafkaChannel>) c -> {}), 3, 1, "PT72H"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void defaulting(Consumer<KafkaChannel> given, int partitions, int replication, String retention) {
        KafkaChannel channel = with(CHANNEL, given);
        KafkaChannelDefaults.setDefaults(channel);
        assertThat(channel.getSpec().getNumPartitions()).isEqualTo(partitions);
        assertThat(channel.getSpec().getReplicationFactor()).isEqualTo(replication);
        assertThat(channel.getSpec().getRetentionDuration()).isEqualTo(retention);
        assertThat(channel.getMetadata().getAnnotations())
                .containsEntry(Knative.SUBSCRIBABLE_DUCK_VERSION_ANNOTATION, "v1");
        assertNoErrors(KafkaChannelValidation.validate(channel));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "negative partitions",
                        (KafkaChannel c) -> c.getSpec().setNumPartitions(-1),
                        "spec.numPartitions",
                        "invalid value: -1"),
                row(
                        "negative replication",
                        (KafkaChannel c) -> c.getSpec().setReplicationFactor(-2),
                        "spec.replicationFactor",
                        "invalid value: -2"),
                row(
                        "retention not ISO-8601",
                        (KafkaChannel c) -> c.getSpec().setRetentionDuration("168h"),
                        "spec.retentionDuration",
                        "invalid value: 168h"),
                row(
                        "zero retention",
                        (KafkaChannel c) -> c.getSpec().setRetentionDuration("PT0S"),
                        "spec.retentionDuration",
                        "invalid value: PT0S"),
                row(
                        "negative retention",
                        (KafkaChannel c) -> c.getSpec().setRetentionDuration("-P1D"),
                        "spec.retentionDuration",
                        "invalid value: -P1D"),
                row(
                        "subscriber with nowhere to send",
                        (KafkaChannel c) -> c.getSpec()
                                .setSubscribers(List.of(
                                        new SubscriberSpec().setSubscriberUri("http://a"), new SubscriberSpec())),
                        "spec.subscribers[1].replyUri",
                        "expected at least one, got none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<KafkaChannel> change, String path, String message) {
        assertOnlyError(KafkaChannelValidation.validate(with(CHANNEL, change)), path, message);
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                row(
                        "partitions changed",
                        (KafkaChannel c) -> c.getSpec().setNumPartitions(6),
                        "spec.numPartitions",
                        "Immutable fields changed (-old +new)"),
                row(
                        "replication changed",
                        (KafkaChannel c) -> c.getSpec().setReplicationFactor(3),
                        "spec.replicationFactor",
                        "Immutable fields changed (-old +new)"),
                row(
                        "retention changed",
                        (KafkaChannel c) -> c.getSpec().setRetentionDuration("PT24H"),
                        "spec.retentionDuration",
                        "Immutable fields changed (-old +new)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUpdates")
    void immutable(Consumer<KafkaChannel> change, String path, String message) {
        assertOnlyError(KafkaChannelValidation.validateUpdate(CHANNEL, with(CHANNEL, change)), path, message);
    }

    @Test
    void retentionMayBeAddedToAChannelStoredWithoutOne() {
        KafkaChannel old = with(CHANNEL, c -> c.getSpec().setRetentionDuration(null));
        assertNoErrors(KafkaChannelValidation.validateUpdate(old, CHANNEL));
    }

    @Test
    void subscribersAndDeliveryMayChange() {
        KafkaChannel updated = with(CHANNEL, c -> {
            c.getSpec().setSubscribers(List.of(new SubscriberSpec().setSubscriberUri("http://a")));
            c.getSpec().setDelivery(new dev.kinetic.api.duck.v1.DeliverySpec().setRetry(3));
        });
        assertNoErrors(KafkaChannelValidation.validateUpdate(CHANNEL, updated));
    }
}
