package dev.kinetic.api.eventing.v1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerTest {

    static final Trigger TRIGGER = parse("""
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata:
              name: orders
              namespace: shop
            spec:
              broker: default
              subscriber:
                ref:
                  apiVersion: serving.knative.dev/v1
                  kind: Service
                  name: order-display
            """, Trigger.class);

    static SubscriptionsAPIFilter exact(String attribute, String value) {
        return new SubscriptionsAPIFilter().setExact(map(attribute, value));
    }

    static Map<String, String> map(String key, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    static Consumer<Trigger> filters(SubscriptionsAPIFilter... filters) {
        return t -> t.getSpec().setFilters(new ArrayList<>(List.of(filters)));
    }

    static Consumer<Trigger> delivery(Consumer<DeliverySpec> change) {
        return t -> {
            DeliverySpec delivery = new DeliverySpec();
            change.accept(delivery);
            t.getSpec().setDelivery(delivery);
        };
    }

    static Consumer<Trigger> annotation(String key, String value) {
        return t -> t.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(key, value)));
    }

    // Lifecycle ---------------------------------------------------------------------------------------------------

    static void allTrue(TriggerStatus s) {
        s.initializeConditions();
        s.markBrokerReady();
        s.markSubscriptionReady();
        s.markDependencySucceeded();
        s.markSubscriberResolved("http://order-display.shop.svc.cluster.local");
        s.markDeadLetterSinkNotConfigured();
    }

    static Arguments lifecycleRow(String name, Consumer<TriggerStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", TriggerStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", TriggerTest::allTrue, "True", null),
                lifecycleRow(
                        "broker failed",
                        s -> {
                            allTrue(s);
                            s.markBrokerFailed("BrokerDoesNotExist", "no broker default");
                        },
                        "False",
                        "BrokerDoesNotExist"),
                lifecycleRow(
                        "broker not yet reconciled",
                        s -> {
                            allTrue(s);
                            s.propagateBrokerCondition(null);
                        },
                        "Unknown",
                        "BrokerNotConfigured"),
                lifecycleRow(
                        "broker Ready False propagated",
                        s -> {
                            allTrue(s);
                            s.propagateBrokerCondition(new Condition()
                                    .setType("Ready")
                                    .setStatus(Condition.FALSE)
                                    .setReason("TopicNotPresent"));
                        },
                        "False",
                        "TopicNotPresent"),
                lifecycleRow(
                        "broker Ready True propagated",
                        s -> {
                            allTrue(s);
                            s.markBrokerUnknown("Waiting", "");
                            s.propagateBrokerCondition(
                                    new Condition().setType("Ready").setStatus(Condition.TRUE));
                        },
                        "True",
                        null),
                lifecycleRow(
                        "consumer group not ready",
                        s -> {
                            allTrue(s);
                            s.markNotSubscribed("ConsumerGroupNotReady", "0/1 ready");
                        },
                        "False",
                        "ConsumerGroupNotReady"),
                lifecycleRow(
                        "subscription not configured",
                        s -> {
                            allTrue(s);
                            s.markSubscriptionNotConfigured();
                        },
                        "Unknown",
                        "SubscriptionNotConfigured"),
                lifecycleRow(
                        "dependency failed",
                        s -> {
                            allTrue(s);
                            s.markDependencyFailed("DependencyNotReady", "ping source not ready");
                        },
                        "False",
                        "DependencyNotReady"),
                lifecycleRow(
                        "dependency unknown",
                        s -> {
                            allTrue(s);
                            s.markDependencyNotConfigured();
                        },
                        "Unknown",
                        "DependencyNotConfigured"),
                lifecycleRow(
                        "subscriber unresolvable",
                        s -> {
                            allTrue(s);
                            s.markSubscriberResolvedFailed("Unresolved", "service not found");
                        },
                        "False",
                        "Unresolved"),
                lifecycleRow(
                        "dead-letter sink unresolvable",
                        s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolvedFailed("Unresolved", "dls not found");
                        },
                        "False",
                        "Unresolved"),
                lifecycleRow(
                        "dead-letter sink resolved",
                        s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolved("http://dls.shop.svc.cluster.local");
                        },
                        "True",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheTriggerConditions(Consumer<TriggerStatus> marks, String ready, String readyReason) {
        TriggerStatus status = new TriggerStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void resolvedAddressesLandInTheStatus() {
        TriggerStatus status = new TriggerStatus();
        status.markSubscriberResolved(new Addressable()
                .setUrl("https://display.shop.svc.cluster.local")
                .setCaCerts("-----BEGIN CERTIFICATE-----")
                .setAudience("display"));
        assertThat(status.getSubscriberUri()).isEqualTo("https://display.shop.svc.cluster.local");
        assertThat(status.getSubscriberCaCerts()).startsWith("-----BEGIN");
        assertThat(status.getSubscriberAudience()).isEqualTo("display");
        status.markSubscriberResolvedFailed("Unresolved", "gone");
        assertThat(status.getSubscriberUri()).isNull();
        assertThat(status.getSubscriberCaCerts()).isNull();

        status.markDeadLetterSinkResolved("http://dls");
        assertThat(status.getDeadLetterSinkUri()).isEqualTo("http://dls");
        status.markDeadLetterSinkNotConfigured();
        assertThat(status.getDeadLetterSinkUri()).isNull();
        assertThat(reason(status, TriggerStatus.DEAD_LETTER_SINK_RESOLVED)).isEqualTo("DeadLetterSinkNotConfigured");
    }

    @Test
    void readyOnlyForTheObservedGeneration() {
        Trigger trigger = with(TRIGGER, t -> {
            t.getMetadata().setGeneration(2L);
            t.setStatus(new TriggerStatus());
            allTrue(t.getStatus());
            t.getStatus().setObservedGeneration(1L);
        });
        assertThat(trigger.isReady()).isFalse();
        trigger.getStatus().setObservedGeneration(2L);
        assertThat(trigger.isReady()).isTrue();
    }

    @Test
    void serializesStatusWithKnativeNames() {
        TriggerStatus status = new TriggerStatus();
        status.markSubscriberResolved(new Addressable().setUrl("http://a").setCaCerts("pem"));
        assertThat(dev.kinetic.api.Manifests.toTree(status).fieldNames())
                .toIterable()
                .contains("subscriberUri", "subscriberCACerts", "conditions")
                .doesNotContain("ready");
    }

    // Defaults ----------------------------------------------------------------------------------------------------

    @Test
    void triggerWithoutBrokerSubscribesToDefault() {
        Trigger trigger = with(TRIGGER, t -> t.getSpec().setBroker(null));
        TriggerDefaults.setDefaults(trigger);
        assertThat(trigger.getSpec().getBroker()).isEqualTo("default");
        assertThat(trigger.getMetadata().getLabels()).containsEntry(Knative.BROKER_LABEL, "default");
        assertThat(trigger.getSpec().getFilter()).isNull();
        assertThat(trigger.getSpec().getFilters()).isNull();
    }

    @Test
    void brokerRefIsKeptAndNoBrokerNameAdded() {
        Trigger trigger = with(TRIGGER, t -> {
            t.getSpec().setBroker(null);
            t.getSpec()
                    .setBrokerRef(new KReference()
                            .setApiVersion("eventing.knative.dev/v1")
                            .setKind("Broker")
                            .setName("orders"));
        });
        TriggerDefaults.setDefaults(trigger);
        assertThat(trigger.getSpec().getBroker()).isNull();
        assertThat(trigger.getSpec().getBrokerRef().getNamespace()).isNull();
        assertNoErrors(TriggerValidation.validate(trigger));
    }

    @Test
    void referencesGetTheTriggersNamespace() {
        Trigger trigger = with(
                TRIGGER,
                delivery(d -> d.setDeadLetterSink(new Destination()
                        .setRef(new KReference()
                                .setApiVersion("v1")
                                .setKind("Service")
                                .setName("dls")))));
        trigger.getSpec().getSubscriber().getRef().setNamespace(null);
        TriggerDefaults.setDefaults(trigger);
        assertThat(trigger.getSpec().getSubscriber().getRef().getNamespace()).isEqualTo("shop");
        assertThat(trigger.getSpec().getDelivery().getDeadLetterSink().getRef().getNamespace())
                .isEqualTo("shop");
    }

    @Test
    void explicitNamespaceIsKept() {
        Trigger trigger =
                with(TRIGGER, t -> t.getSpec().getSubscriber().getRef().setNamespace("other"));
        TriggerDefaults.setDefaults(trigger);
        assertThat(trigger.getSpec().getSubscriber().getRef().getNamespace()).isEqualTo("other");
    }

    // Validation --------------------------------------------------------------------------------------------------

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "no broker",
                        (Trigger t) -> t.getSpec().setBroker(null),
                        "spec.broker",
                        "expected exactly one, got neither"),
                row(
                        "broker and brokerRef",
                        (Trigger t) -> t.getSpec()
                                .setBrokerRef(new KReference()
                                        .setApiVersion("eventing.knative.dev/v1")
                                        .setKind("Broker")
                                        .setName("default")),
                        "spec.brokerRef",
                        "expected exactly one, got both"),
                row(
                        "brokerRef without name",
                        (Trigger t) -> {
                            t.getSpec().setBroker(null);
                            t.getSpec()
                                    .setBrokerRef(new KReference()
                                            .setApiVersion("eventing.knative.dev/v1")
                                            .setKind("Broker"));
                        },
                        "spec.brokerRef.name",
                        "missing field(s)"),
                row(
                        "brokerRef into another namespace",
                        (Trigger t) -> {
                            t.getSpec().setBroker(null);
                            t.getSpec()
                                    .setBrokerRef(new KReference()
                                            .setApiVersion("eventing.knative.dev/v1")
                                            .setKind("Broker")
                                            .setName("default")
                                            .setNamespace("elsewhere"));
                        },
                        "spec.brokerRef.namespace",
                        "must not set the field(s)"),
                row(
                        "no subscriber",
                        (Trigger t) -> t.getSpec().setSubscriber(null),
                        "spec.subscriber.ref",
                        "expected at least one, got none"),
                row(
                        "subscriber relative uri alone",
                        (Trigger t) -> t.getSpec().setSubscriber(new Destination().setUri("/relative")),
                        "spec.subscriber.uri",
                        "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent"),
                row(
                        "subscriber ref with absolute uri",
                        (Trigger t) -> t.getSpec().getSubscriber().setUri("http://elsewhere/path"),
                        "spec.subscriber.uri",
                        "Absolute URI is not allowed when Ref or [apiVersion, kind, name] is present"),
                row(
                        "subscriber ref without kind",
                        (Trigger t) -> t.getSpec().getSubscriber().getRef().setKind(null),
                        "spec.subscriber.ref.kind",
                        "missing field(s)"),
                row(
                        "attribute filter with upper case",
                        (Trigger t) ->
                                t.getSpec().setFilter(new TriggerFilter().setAttributes(map("Type", "order.created"))),
                        "spec.filter.attributes[Type]",
                        "invalid key name \"Type\""),
                row(
                        "attribute filter with a dash",
                        (Trigger t) -> t.getSpec().setFilter(new TriggerFilter().setAttributes(map("my-ext", ""))),
                        "spec.filter.attributes[my-ext]",
                        "invalid key name \"my-ext\""),
                row(
                        "two dialects in one filter",
                        filters(exact("type", "a").setPrefix(map("source", "b"))),
                        "spec.filters[0]",
                        FilterValidation.MULTIPLE_DIALECTS),
                row(
                        "exact without attributes",
                        filters(new SubscriptionsAPIFilter().setExact(Map.of())),
                        "spec.filters[0].exact",
                        "expected at least one attribute, got none"),
                row(
                        "exact with an invalid attribute",
                        filters(exact("Type", "a")),
                        "spec.filters[0].exact[Type]",
                        "invalid key name \"Type\""),
                row(
                        "exact with an empty value",
                        filters(exact("type", "")),
                        "spec.filters[0].exact[type]",
                        "expected a non-empty value"),
                row(
                        "prefix with an empty value",
                        filters(new SubscriptionsAPIFilter().setPrefix(map("type", ""))),
                        "spec.filters[0].prefix[type]",
                        "expected a non-empty value"),
                row(
                        "suffix without attributes",
                        filters(new SubscriptionsAPIFilter().setSuffix(Map.of())),
                        "spec.filters[0].suffix",
                        "expected at least one attribute, got none"),
                row(
                        "all without filters",
                        filters(new SubscriptionsAPIFilter().setAll(List.of())),
                        "spec.filters[0].all",
                        "expected at least one nested filter, got none"),
                row(
                        "any without filters",
                        filters(exact("type", "a"), new SubscriptionsAPIFilter().setAny(List.of())),
                        "spec.filters[1].any",
                        "expected at least one nested filter, got none"),
                row(
                        "invalid filter nested in all",
                        filters(new SubscriptionsAPIFilter()
                                .setAll(List.of(
                                        exact("type", "a"),
                                        new SubscriptionsAPIFilter().setPrefix(map("source", ""))))),
                        "spec.filters[0].all[1].prefix[source]",
                        "expected a non-empty value"),
                row(
                        "two dialects nested in any",
                        filters(new SubscriptionsAPIFilter()
                                .setAny(List.of(exact("type", "a").setCesql("true")))),
                        "spec.filters[0].any[0]",
                        FilterValidation.MULTIPLE_DIALECTS),
                row(
                        "invalid filter under not",
                        filters(new SubscriptionsAPIFilter().setNot(new SubscriptionsAPIFilter().setExact(Map.of()))),
                        "spec.filters[0].not.exact",
                        "expected at least one attribute, got none"),
                row(
                        "bad cesql two levels under not",
                        filters(new SubscriptionsAPIFilter()
                                .setNot(new SubscriptionsAPIFilter()
                                        .setNot(new SubscriptionsAPIFilter().setCesql("type =")))),
                        "spec.filters[0].not.not.cesql",
                        "invalid value: type ="),
                row(
                        "blank cesql",
                        filters(new SubscriptionsAPIFilter().setCesql(" ")),
                        "spec.filters[0].cesql",
                        "missing field(s)"),
                row(
                        "dependency annotation not JSON",
                        annotation(Knative.DEPENDENCY_ANNOTATION, "{not json"),
                        "metadata.annotations[knative.dev/dependency]",
                        "The provided annotation was not a corev1.ObjectReference: \"{not json\""),
                row(
                        "dependency without kind",
                        annotation(
                                Knative.DEPENDENCY_ANNOTATION,
                                "{\"name\":\"ping\",\"apiVersion\":\"sources.knative.dev/v1\"}"),
                        "metadata.annotations[knative.dev/dependency].kind",
                        "missing field(s)"),
                row(
                        "dependency without apiVersion",
                        annotation(Knative.DEPENDENCY_ANNOTATION, "{\"kind\":\"PingSource\",\"name\":\"ping\"}"),
                        "metadata.annotations[knative.dev/dependency].apiVersion",
                        "missing field(s)"),
                row(
                        "dependency in another namespace",
                        annotation(
                                Knative.DEPENDENCY_ANNOTATION,
                                "{\"kind\":\"PingSource\",\"name\":\"ping\",\"apiVersion\":\"sources.knative.dev/v1\","
                                        + "\"namespace\":\"other\"}"),
                        "metadata.annotations[knative.dev/dependency].namespace",
                        "Namespace must be empty or equal to the trigger namespace \"shop\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<Trigger> change, String path, String message) {
        assertOnlyError(TriggerValidation.validate(with(TRIGGER, change)), path, message);
    }

    @Test
    void cesqlParseErrorCarriesTheParserMessage() {
        Errors errors = TriggerValidation.validate(
                with(TRIGGER, filters(new SubscriptionsAPIFilter().setCesql("source LIKE 'a%' AND"))));
        assertOnlyError(errors, "spec.filters[0].cesql", "invalid value: source LIKE 'a%' AND");
        assertThat(errors.list().get(0).details()).contains("mismatched input '<EOF>'");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        Trigger trigger = with(TRIGGER, t -> {
            t.getSpec().setBroker(null);
            t.getSpec().setSubscriber(null);
            t.getSpec().setFilters(List.of(new SubscriptionsAPIFilter().setAll(List.of())));
            t.getSpec().setDelivery(new DeliverySpec().setRetry(-2));
        });
        assertThat(TriggerValidation.validate(trigger).paths())
                .containsExactly(
                        "spec.broker",
                        "spec.brokerRef",
                        "spec.filters[0].all",
                        "spec.subscriber.ref",
                        "spec.subscriber.uri",
                        "spec.delivery.retry");
    }

    static Stream<Arguments> validFilters() {
        return Stream.of(
                Arguments.of(Named.of("empty filter element passes all", List.of(new SubscriptionsAPIFilter()))),
                Arguments.of(Named.of(
                        "exact with two attributes",
                        List.of(new SubscriptionsAPIFilter().setExact(Map.of("type", "a", "source", "b"))))),
                Arguments.of(Named.of(
                        "cesql functions and LIKE",
                        List.of(new SubscriptionsAPIFilter()
                                .setCesql("LOWER(type) LIKE 'order.%' AND EXISTS subject")))),
                Arguments.of(Named.of(
                        "not of any",
                        List.of(new SubscriptionsAPIFilter()
                                .setNot(new SubscriptionsAPIFilter()
                                        .setAny(List.of(exact("type", "a"), exact("type", "b"))))))),
                Arguments.of(Named.of(
                        "one dialect per element, several elements",
                        List.of(
                                exact("type", "a"),
                                new SubscriptionsAPIFilter().setSuffix(Map.of("source", "/x")),
                                new SubscriptionsAPIFilter().setCesql("true")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFilters")
    void acceptedFilters(List<SubscriptionsAPIFilter> filters) {
        assertNoErrors(TriggerValidation.validate(with(TRIGGER, t -> t.getSpec().setFilters(filters))));
    }

    @Test
    void emptyAttributeValueMeansAnyValue() {
        assertNoErrors(TriggerValidation.validate(
                with(TRIGGER, t -> t.getSpec().setFilter(new TriggerFilter().setAttributes(map("type", ""))))));
    }

    // Delivery (shared DeliverySpec rules, seen from a Trigger) --------------------------------------------------

    static Stream<Arguments> invalidDelivery() {
        return Stream.of(
                row("negative retry", delivery(d -> d.setRetry(-1)), "spec.delivery.retry", "invalid value: -1"),
                row(
                        "unknown backoff policy",
                        delivery(d -> d.setBackoffPolicy("Exponential")),
                        "spec.delivery.backoffPolicy",
                        "invalid value: Exponential"),
                row(
                        "backoff delay as a Go duration",
                        delivery(d -> d.setBackoffDelay("5s")),
                        "spec.delivery.backoffDelay",
                        "invalid value: 5s"),
                row(
                        "backoff delay with a misplaced sign",
                        delivery(d -> d.setBackoffDelay("PT-1S")),
                        "spec.delivery.backoffDelay",
                        "invalid value: PT-1S"),
                row(
                        "negative backoff delay",
                        delivery(d -> d.setBackoffDelay("-PT1S")),
                        "spec.delivery.backoffDelay",
                        "invalid value: -PT1S"),
                row("bare P", delivery(d -> d.setBackoffDelay("P")), "spec.delivery.backoffDelay", "invalid value: P"),
                row("dangling T", delivery(d -> d.setTimeout("PT")), "spec.delivery.timeout", "invalid value: PT"),
                row(
                        "zero timeout",
                        delivery(d -> d.setTimeout("PT0S")),
                        "spec.delivery.timeout",
                        "invalid value: PT0S"),
                row(
                        "negative retryAfterMax",
                        delivery(d -> d.setRetryAfterMax("-PT1S")),
                        "spec.delivery.retryAfterMax",
                        "invalid value: -PT1S"),
                row("unknown format", delivery(d -> d.setFormat("xml")), "spec.delivery.format", "invalid value: xml"),
                row(
                        "dead-letter sink relative uri",
                        delivery(d -> d.setDeadLetterSink(new Destination().setUri("dls"))),
                        "spec.delivery.deadLetterSink.uri",
                        "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent"),
                row(
                        "dead-letter sink CA that is not PEM",
                        delivery(d -> d.setDeadLetterSink(
                                new Destination().setUri("https://dls").setCaCerts("abc"))),
                        "spec.delivery.deadLetterSink.CACerts",
                        "invalid value: not a PEM certificate"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDelivery")
    void rejectedDelivery(Consumer<Trigger> change, String path, String message) {
        assertOnlyError(TriggerValidation.validate(with(TRIGGER, change)), path, message);
    }

    static Stream<Arguments> validDelivery() {
        return Stream.of(
                Arguments.of(Named.of("zero retries", (Consumer<DeliverySpec>) d -> d.setRetry(0))),
                Arguments.of(Named.of("fractional backoff", (Consumer<DeliverySpec>) d -> d.setBackoffDelay("PT0.2S"))),
                Arguments.of(Named.of("comma decimal", (Consumer<DeliverySpec>) d -> d.setBackoffDelay("PT1,5S"))),
                Arguments.of(Named.of("days and hours", (Consumer<DeliverySpec>) d -> d.setBackoffDelay("P1DT2H"))),
                Arguments.of(Named.of("zero backoff", (Consumer<DeliverySpec>) d -> d.setBackoffDelay("PT0S"))),
                Arguments.of(Named.of("millisecond timeout", (Consumer<DeliverySpec>) d -> d.setTimeout("PT0.001S"))),
                Arguments.of(Named.of("retryAfterMax zero ignores Retry-After", (Consumer<DeliverySpec>)
                        d -> d.setRetryAfterMax("PT0S"))),
                Arguments.of(Named.of("binary format", (Consumer<DeliverySpec>) d -> d.setFormat("binary"))),
                Arguments.of(Named.of("json format", (Consumer<DeliverySpec>) d -> d.setFormat("json"))),
                Arguments.of(Named.of("linear policy", (Consumer<DeliverySpec>) d -> d.setBackoffPolicy("linear"))),
                Arguments.of(Named.of("dead-letter ref with relative uri", (Consumer<DeliverySpec>)
                        d -> d.setDeadLetterSink(new Destination()
                                .setRef(new KReference()
                                        .setApiVersion("v1")
                                        .setKind("Service")
                                        .setName("dls"))
                                .setUri("/dead")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validDelivery")
    void acceptedDelivery(Consumer<DeliverySpec> change) {
        assertNoErrors(TriggerValidation.validate(with(TRIGGER, delivery(change))));
    }

    // Updates -----------------------------------------------------------------------------------------------------

    @Test
    void brokerIsImmutable() {
        assertOnlyError(
                TriggerValidation.validateUpdate(
                        TRIGGER, with(TRIGGER, t -> t.getSpec().setBroker("other"))),
                "spec.broker",
                "Immutable fields changed (-old +new)");
    }

    @Test
    void brokerRefIsImmutable() {
        Trigger before = with(TRIGGER, t -> {
            t.getSpec().setBroker(null);
            t.getSpec()
                    .setBrokerRef(new KReference()
                            .setApiVersion("eventing.knative.dev/v1")
                            .setKind("Broker")
                            .setName("a"));
        });
        Trigger after = with(before, t -> t.getSpec().getBrokerRef().setName("b"));
        assertOnlyError(
                TriggerValidation.validateUpdate(before, after),
                "spec.brokerRef",
                "Immutable fields changed (-old +new)");
    }

    @Test
    void subscriberFiltersAndDeliveryMayChange() {
        Trigger after = with(TRIGGER, t -> {
            t.getSpec().getSubscriber().getRef().setName("other-display");
            t.getSpec().setFilters(List.of(exact("type", "x")));
            t.getSpec().setDelivery(new DeliverySpec().setRetry(2));
        });
        assertNoErrors(TriggerValidation.validateUpdate(TRIGGER, after));
    }

    @Test
    void dialectsAreListedInOrder() {
        assertThat(new SubscriptionsAPIFilter().dialects()).isEmpty();
        assertThat(exact("a", "b")
                        .setCesql("true")
                        .setNot(new SubscriptionsAPIFilter())
                        .dialects())
                .containsExactly("exact", "not", "cesql");
    }
}
