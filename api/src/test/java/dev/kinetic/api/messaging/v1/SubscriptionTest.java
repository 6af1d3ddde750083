package dev.kinetic.api.messaging.v1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubscriptionTest {

    static final Subscription SUBSCRIPTION = parse("""
            apiVersion: messaging.knative.dev/v1
            kind: Subscription
            metadata:
              name: orders-to-display
              namespace: shop
            spec:
              channel:
                apiVersion: messaging.knative.dev/v1
                kind: Channel
                name: orders
              subscriber:
                ref:
                  apiVersion: serving.knative.dev/v1
                  kind: Service
                  name: display
            """, Subscription.class);

    static void allTrue(SubscriptionStatus s) {
        s.initializeConditions();
        s.markReferencesResolved(
                new SubscriptionStatusPhysicalSubscription().setSubscriberUri("http://display.shop.svc.cluster.local"));
        s.markAddedToChannel();
        s.markChannelReady();
    }

    static Arguments lifecycleRow(String name, Consumer<SubscriptionStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", SubscriptionStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", SubscriptionTest::allTrue, "True", null),
                lifecycleRow(
                        "subscriber unresolvable",
                        s -> {
                            allTrue(s);
                            s.markReferencesNotResolved("SubscriberResolveFailed", "no display");
                        },
                        "False",
                        "SubscriberResolveFailed"),
                lifecycleRow(
                        "references pending",
                        s -> {
                            allTrue(s);
                            s.markReferencesResolvedUnknown("Resolving", "");
                        },
                        "Unknown",
                        "Resolving"),
                lifecycleRow(
                        "not added to channel",
                        s -> {
                            allTrue(s);
                            s.markNotAddedToChannel("ChannelNotFound", "orders");
                        },
                        "False",
                        "ChannelNotFound"),
                lifecycleRow(
                        "channel failed",
                        s -> {
                            allTrue(s);
                            s.markChannelFailed("SubscriptionNotMarkedReadyByChannel", "");
                        },
                        "False",
                        "SubscriptionNotMarkedReadyByChannel"),
                lifecycleRow(
                        "channel unknown",
                        s -> {
                            allTrue(s);
                            s.markChannelUnknown("SubscriptionNotReady", "");
                        },
                        "Unknown",
                        "SubscriptionNotReady"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheSubscriptionConditions(Consumer<SubscriptionStatus> marks, String ready, String readyReason) {
        SubscriptionStatus status = new SubscriptionStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void physicalSubscriptionSerializesWithKnativeNames() {
        SubscriptionStatus status = new SubscriptionStatus();
        status.markReferencesResolved(new SubscriptionStatusPhysicalSubscription()
                .setSubscriberUri("http://a")
                .setReplyCaCerts("pem")
                .setDeadLetterSinkUri("http://dls"));
        assertThat(dev.kinetic.api.Manifests.toTree(status)
                        .get("physicalSubscription")
                        .fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("subscriberUri", "replyCACerts", "deadLetterSinkUri");
    }

    @Test
    void defaultsNamespaceDestinationsButNotTheChannel() {
        Subscription subscription = with(SUBSCRIPTION, s -> {
            s.getSpec()
                    .setReply(new Destination()
                            .setRef(new KReference()
                                    .setApiVersion("messaging.knative.dev/v1")
                                    .setKind("InMemoryChannel")
                                    .setName("replies")));
            s.getSpec()
                    .setDelivery(new DeliverySpec()
                            .setDeadLetterSink(new Destination()
                                    .setRef(new KReference()
                                            .setApiVersion("v1")
                                            .setKind("Service")
                                            .setName("dls"))));
        });
        SubscriptionDefaults.setDefaults(subscription);
        assertThat(subscription.getSpec().getSubscriber().getRef().getNamespace())
                .isEqualTo("shop");
        assertThat(subscription.getSpec().getReply().getRef().getNamespace()).isEqualTo("shop");
        assertThat(subscription
                        .getSpec()
                        .getDelivery()
                        .getDeadLetterSink()
                        .getRef()
                        .getNamespace())
                .isEqualTo("shop");
        assertThat(subscription.getSpec().getChannel().getNamespace()).isNull();
        assertNoErrors(SubscriptionValidation.validate(subscription));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("no channel", (Subscription s) -> s.getSpec().setChannel(null), "spec.channel", "missing field(s)"),
                row(
                        "empty channel",
                        (Subscription s) -> s.getSpec().setChannel(new KReference()),
                        "spec.channel",
                        "missing field(s)"),
                row(
                        "channel without kind",
                        (Subscription s) -> s.getSpec().getChannel().setKind(null),
                        "spec.channel.kind",
                        "missing field(s)"),
                row(
                        "channel without apiVersion",
                        (Subscription s) -> s.getSpec().getChannel().setApiVersion(""),
                        "spec.channel.apiVersion",
                        "missing field(s)"),
                row(
                        "channel in a namespace",
                        (Subscription s) -> s.getSpec().getChannel().setNamespace("shop"),
                        "spec.channel.namespace",
                        "must not set the field(s)"),
                row(
                        "neither subscriber nor reply",
                        (Subscription s) -> s.getSpec().setSubscriber(null),
                        "spec.subscriber",
                        "missing field(s)"),
                row(
                        "empty subscriber and reply",
                        (Subscription s) -> {
                            s.getSpec().setSubscriber(new Destination());
                            s.getSpec().setReply(new Destination());
                        },
                        "spec.reply",
                        "missing field(s)"),
                row(
                        "subscriber relative uri",
                        (Subscription s) -> s.getSpec().setSubscriber(new Destination().setUri("display")),
                        "spec.subscriber.uri",
                        "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent"),
                row(
                        "reply ref without name",
                        (Subscription s) -> s.getSpec()
                                .setReply(new Destination()
                                        .setRef(new KReference()
                                                .setApiVersion("v1")
                                                .setKind("Service"))),
                        "spec.reply.ref.name",
                        "missing field(s)"),
                row(
                        "bad delivery",
                        (Subscription s) -> s.getSpec().setDelivery(new DeliverySpec().setBackoffDelay("1m")),
                        "spec.delivery.backoffDelay",
                        "invalid value: 1m"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<Subscription> change, String path, String message) {
        assertOnlyError(SubscriptionValidation.validate(with(SUBSCRIPTION, change)), path, message);
    }

    @Test
    void replyAloneIsAnIdentitySubscription() {
        Subscription replyOnly = with(SUBSCRIPTION, s -> {
            s.getSpec().setSubscriber(null);
            s.getSpec().setReply(new Destination().setUri("http://next.shop.svc.cluster.local"));
        });
        assertNoErrors(SubscriptionValidation.validate(replyOnly));
    }

    @Test
    void channelIsImmutableButTheRestIsNot() {
        assertOnlyError(
                SubscriptionValidation.validateUpdate(
                        SUBSCRIPTION,
                        with(SUBSCRIPTION, s -> s.getSpec().getChannel().setName("payments"))),
                "spec.channel",
                "Immutable fields changed (-old +new)");
        assertNoErrors(SubscriptionValidation.validateUpdate(
                SUBSCRIPTION,
                with(SUBSCRIPTION, s -> s.getSpec().getSubscriber().getRef().setName("other"))));
    }
}
