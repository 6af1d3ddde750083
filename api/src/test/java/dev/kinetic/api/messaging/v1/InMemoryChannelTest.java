package dev.kinetic.api.messaging.v1;

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
import dev.kinetic.api.duck.v1.DeliverySpec;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InMemoryChannelTest {

    static final InMemoryChannel CHANNEL = parse("""
            apiVersion: messaging.knative.dev/v1
            kind: InMemoryChannel
            metadata:
              name: imc
              namespace: shop
            spec:
              subscribers:
                - uid: 2f9b5e3c-0000-4000-8000-000000000001
                  generation: 1
                  subscriberUri: http://display.shop.svc.cluster.local
                  replyUri: http://reply.shop.svc.cluster.local
            """, InMemoryChannel.class);

    static void allTrue(InMemoryChannelStatus s) {
        s.initializeConditions();
        s.markDispatcherReady();
        s.markServiceReady();
        s.markEndpointsReady();
        s.markChannelServiceReady();
        s.markAddress(new Addressable().setUrl("http://imc-kn-channel.shop.svc.cluster.local"));
        s.markDeadLetterSinkNotConfigured();
    }

    static Arguments lifecycleRow(String name, Consumer<InMemoryChannelStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", InMemoryChannelStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", InMemoryChannelTest::allTrue, "True", null),
                lifecycleRow(
                        "dispatcher down",
                        s -> {
                            allTrue(s);
                            s.markDispatcherFailed("DispatcherDeploymentUnavailable", "0/1");
                        },
                        "False",
                        "DispatcherDeploymentUnavailable"),
                lifecycleRow(
                        "no endpoints",
                        s -> {
                            allTrue(s);
                            s.markEndpointsFailed("DispatcherEndpointsNotReady", "none");
                        },
                        "False",
                        "DispatcherEndpointsNotReady"),
                lifecycleRow(
                        "service missing",
                        s -> {
                            allTrue(s);
                            s.markServiceFailed("DispatcherServiceFailed", "gone");
                        },
                        "False",
                        "DispatcherServiceFailed"),
                lifecycleRow(
                        "channel service missing",
                        s -> {
                            allTrue(s);
                            s.markChannelServiceFailed("ChannelServiceFailed", "gone");
                        },
                        "False",
                        "ChannelServiceFailed"),
                lifecycleRow(
                        "dead-letter sink failed",
                        s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolvedFailed("Unresolved", "dls");
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
                        null),
                lifecycleRow(
                        "no address",
                        s -> {
                            allTrue(s);
                            s.markAddress(null);
                        },
                        "False",
                        "EmptyHostname"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheInMemoryChannelConditions(
            Consumer<InMemoryChannelStatus> marks, String ready, String readyReason) {
        InMemoryChannelStatus status = new InMemoryChannelStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void defaultsMarkTheDuckVersion() {
        InMemoryChannel channel = with(CHANNEL, c -> c.getMetadata().setAnnotations(null));
        InMemoryChannelDefaults.setDefaults(channel);
        assertThat(channel.getMetadata().getAnnotations())
                .containsEntry(Knative.SUBSCRIBABLE_DUCK_VERSION_ANNOTATION, "v1");
        InMemoryChannel bare = new InMemoryChannel();
        InMemoryChannelDefaults.setDefaults(bare);
        assertThat(bare.getSpec()).isNull();
        assertNoErrors(InMemoryChannelValidation.validate(bare));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "subscriber with nowhere to send",
                        (InMemoryChannel c) -> c.getSpec().setSubscribers(List.of(new SubscriberSpec().setUid("u"))),
                        "spec.subscribers[0].subscriberUri",
                        "expected at least one, got none"),
                row(
                        "subscriber delivery invalid",
                        (InMemoryChannel c) ->
                                c.getSpec().getSubscribers().get(0).setDelivery(new DeliverySpec().setRetry(-3)),
                        "spec.subscribers[0].delivery.retry",
                        "invalid value: -3"),
                row(
                        "channel delivery invalid",
                        (InMemoryChannel c) -> c.getSpec().setDelivery(new DeliverySpec().setTimeout("10s")),
                        "spec.delivery.timeout",
                        "invalid value: 10s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<InMemoryChannel> change, String path, String message) {
        assertOnlyError(InMemoryChannelValidation.validate(with(CHANNEL, change)), path, message);
    }

    @Test
    void replyOnlySubscriberIsFine() {
        assertNoErrors(InMemoryChannelValidation.validate(
                with(CHANNEL, c -> c.getSpec().setSubscribers(List.of(new SubscriberSpec().setReplyUri("http://r"))))));
    }
}
