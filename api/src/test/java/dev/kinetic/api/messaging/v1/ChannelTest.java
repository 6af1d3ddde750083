package dev.kinetic.api.messaging.v1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kinetic.api.Knative;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.eventing.config.EventingConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelTest {

    static final Channel CHANNEL = parse("""
            apiVersion: messaging.knative.dev/v1
            kind: Channel
            metadata:
              name: orders
              namespace: shop
            spec:
              channelTemplate:
                apiVersion: messaging.knative.dev/v1beta1
                kind: KafkaChannel
                spec:
                  numPartitions: 3
            """, Channel.class);

    // Lifecycle ---------------------------------------------------------------------------------------------------

    static void allTrue(ChannelStatus s) {
        s.initializeConditions();
        s.markBackingChannelReady();
        s.markAddress(new Addressable().setUrl("http://orders-kn-channel.shop.svc.cluster.local"));
        s.markDeadLetterSinkNotConfigured();
    }

    static ChannelableStatus backing(String ready, String reason) {
        ChannelableStatus backing = new ChannelableStatus();
        if (ready != null) {
            backing.setConditions(
                    List.of(new Condition().setType("Ready").setStatus(ready).setReason(reason)));
        }
        backing.setAddress(new Addressable().setUrl("http://orders-kn-channel.shop.svc.cluster.local"));
        backing.setSubscribers(List.of(new SubscriberStatus().setUid("u1").setReady("True")));
        return backing;
    }

    static Arguments lifecycleRow(String name, Consumer<ChannelStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", ChannelStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", ChannelTest::allTrue, "True", null),
                lifecycleRow(
                        "backing channel failed",
                        s -> {
                            allTrue(s);
                            s.markBackingChannelFailed("ChannelFailure", "topic");
                        },
                        "False",
                        "ChannelFailure"),
                lifecycleRow(
                        "backing channel not configured",
                        s -> {
                            allTrue(s);
                            s.markBackingChannelNotConfigured();
                        },
                        "Unknown",
                        "BackingChannelNotConfigured"),
                lifecycleRow(
                        "no address",
                        s -> {
                            allTrue(s);
                            s.markAddress(new Addressable());
                        },
                        "False",
                        "EmptyHostname"),
                lifecycleRow(
                        "dead-letter sink failed",
                        s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolvedFailed("Unresolved", "dls");
                        },
                        "False",
                        "Unresolved"),
                lifecycleRow(
                        "backing ready propagated",
                        s -> {
                            s.initializeConditions();
                            s.markDeadLetterSinkResolved("http://dls");
                            s.propagateStatuses(backing("True", null));
                        },
                        "True",
                        null),
                lifecycleRow(
                        "backing false propagated",
                        s -> {
                            allTrue(s);
                            s.propagateStatuses(backing("False", "TopicNotReady"));
                        },
                        "False",
                        "TopicNotReady"),
                lifecycleRow(
                        "backing unknown propagated",
                        s -> {
                            allTrue(s);
                            s.propagateStatuses(backing("Unknown", "Probing"));
                        },
                        "Unknown",
                        "Probing"),
                lifecycleRow(
                        "backing without Ready",
                        s -> {
                            allTrue(s);
                            s.propagateStatuses(backing(null, null));
                        },
                        "Unknown",
                        "BackingChannelNotConfigured"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheBackingChannel(Consumer<ChannelStatus> marks, String ready, String readyReason) {
        ChannelStatus status = new ChannelStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void propagationCopiesAddressAndSubscribers() {
        ChannelStatus status = new ChannelStatus();
        status.propagateStatuses(backing("True", null));
        assertThat(status.getAddress().getUrl()).isEqualTo("http://orders-kn-channel.shop.svc.cluster.local");
        assertThat(status.getSubscribers()).extracting(SubscriberStatus::getUid).containsExactly("u1");
    }

    @Test
    void readyOnlyForTheObservedGeneration() {
        Channel channel = with(CHANNEL, c -> {
            c.getMetadata().setGeneration(1L);
            c.setStatus(new ChannelStatus());
            allTrue(c.getStatus());
        });
        assertThat(channel.isReady()).isFalse();
        channel.getStatus().setObservedGeneration(1L);
        assertThat(channel.isReady()).isTrue();
    }

    // Defaults ----------------------------------------------------------------------------------------------------

    @Test
    void channelWithoutTemplateGetsTheDefaultKafkaChannel() {
        Channel channel = with(CHANNEL, c -> c.setSpec(null));
        ChannelDefaults.setDefaults(channel, EventingConfig.defaults());
        assertThat(channel.getSpec().getChannelTemplate())
                .isEqualTo(new ChannelTemplateSpec()
                        .setApiVersion("messaging.knative.dev/v1beta1")
                        .setKind("KafkaChannel"));
        assertThat(channel.getMetadata().getAnnotations())
                .containsEntry(Knative.SUBSCRIBABLE_DUCK_VERSION_ANNOTATION, "v1");
        assertNoErrors(ChannelValidation.validate(channel));
    }

    @Test
    void namespaceTemplateIsCopied() {
        var spec = JsonNodeFactory.instance.objectNode().put("numPartitions", 6);
        EventingConfig config = new EventingConfig(
                EventingConfig.defaults().clusterBroker(),
                Map.of(),
                EventingConfig.defaults().clusterChannel(),
                Map.of(
                        "shop",
                        new EventingConfig.ChannelDefault("messaging.knative.dev/v1beta1", "KafkaChannel", spec)));
        Channel channel = with(CHANNEL, c -> c.getSpec().setChannelTemplate(null));
        ChannelDefaults.setDefaults(channel, config);
        assertThat(channel.getSpec()
                        .getChannelTemplate()
                        .getSpec()
                        .get("numPartitions")
                        .asInt())
                .isEqualTo(6);
        channel.getSpec().getChannelTemplate().getSpec().put("numPartitions", 1);
        assertThat(spec.get("numPartitions").asInt())
                .as("the config is not shared")
                .isEqualTo(6);
    }

    @Test
    void ownTemplateIsKept() {
        Channel channel = with(CHANNEL, c -> {});
        ChannelDefaults.setDefaults(channel, EventingConfig.defaults());
        assertThat(channel.getSpec().getChannelTemplate())
                .isEqualTo(CHANNEL.getSpec().getChannelTemplate());
    }

    @Test
    void deadLetterSinkGetsTheChannelsNamespace() {
        Channel channel = with(CHANNEL, c -> c.getSpec()
                .setDelivery(new DeliverySpec()
                        .setDeadLetterSink(new Destination()
                                .setRef(new dev.kinetic.api.duck.v1.KReference()
                                        .setApiVersion("v1")
                                        .setKind("Service")
                                        .setName("dls")))));
        ChannelDefaults.setDefaults(channel, EventingConfig.defaults());
        assertThat(channel.getSpec().getDelivery().getDeadLetterSink().getRef().getNamespace())
                .isEqualTo("shop");
    }

    // Validation --------------------------------------------------------------------------------------------------

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "no template",
                        (Channel c) -> c.getSpec().setChannelTemplate(null),
                        "spec.channelTemplate",
                        "missing field(s)"),
                row(
                        "template without kind",
                        (Channel c) -> c.getSpec().getChannelTemplate().setKind(null),
                        "spec.channelTemplate.kind",
                        "missing field(s)"),
                row(
                        "template without apiVersion",
                        (Channel c) -> c.getSpec().getChannelTemplate().setApiVersion(""),
                        "spec.channelTemplate.apiVersion",
                        "missing field(s)"),
                row(
                        "subscribers written by a user",
                        (Channel c) ->
                                c.getSpec().setSubscribers(List.of(new SubscriberSpec().setSubscriberUri("http://a"))),
                        "spec.subscribers",
                        "must not set the field(s)"),
                row(
                        "bad delivery",
                        (Channel c) -> c.getSpec().setDelivery(new DeliverySpec().setFormat("avro")),
                        "spec.delivery.format",
                        "invalid value: avro"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<Channel> change, String path, String message) {
        assertOnlyError(ChannelValidation.validate(with(CHANNEL, change)), path, message);
    }

    @Test
    void templateIsImmutable() {
        Channel updated = with(CHANNEL, c -> c.getSpec().getChannelTemplate().setKind("InMemoryChannel"));
        assertOnlyError(
                ChannelValidation.validateUpdate(CHANNEL, updated),
                "spec.channelTemplate",
                "Immutable fields changed (-old +new)");
        Channel respecced =
                with(CHANNEL, c -> c.getSpec().getChannelTemplate().getSpec().put("numPartitions", 9));
        assertOnlyError(
                ChannelValidation.validateUpdate(CHANNEL, respecced),
                "spec.channelTemplate",
                "Immutable fields changed (-old +new)");
    }

    @Test
    void deliveryMayChange() {
        Channel updated = with(CHANNEL, c -> c.getSpec().setDelivery(new DeliverySpec().setRetry(4)));
        assertNoErrors(ChannelValidation.validateUpdate(CHANNEL, updated));
    }
}
