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
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import dev.kinetic.api.eventing.config.EventingConfig;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BrokerTest {

    static final Broker BROKER = parse("""
            apiVersion: eventing.knative.dev/v1
            kind: Broker
            metadata:
              name: default
              namespace: shop
              annotations:
                eventing.knative.dev/broker.class: Kafka
            spec:
              config:
                apiVersion: v1
                kind: ConfigMap
                name: kafka-broker-config
                namespace: kinetic-system
            """, Broker.class);

    // Lifecycle ---------------------------------------------------------------------------------------------------

    static void allTrue(BrokerStatus s) {
        s.initializeConditions();
        s.markAddress(
                new Addressable().setUrl("http://kafka-broker-ingress.kinetic-system.svc.cluster.local/shop/default"));
        s.markDataPlaneAvailable();
        s.markTopicReady();
        s.markConfigMapUpdated();
        s.markConfigParsed();
        s.markProbeSucceeded();
        s.markDeadLetterSinkNotConfigured();
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                Arguments.of(
                        Named.of("initialized", (Consumer<BrokerStatus>) BrokerStatus::initializeConditions),
                        "Unknown",
                        null),
                Arguments.of(
                        Named.of("every dependent true", (Consumer<BrokerStatus>) BrokerTest::allTrue), "True", null),
                Arguments.of(
                        Named.of("topic missing", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markTopicFailed("TopicCreationFailed", "no brokers");
                        }),
                        "False",
                        "TopicCreationFailed"),
                Arguments.of(
                        Named.of("probe pending", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markProbeUnknown("ProbeInProgress", "waiting");
                        }),
                        "Unknown",
                        "ProbeInProgress"),
                Arguments.of(
                        Named.of("no address", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markAddress(null);
                        }),
                        "False",
                        "NoAddress"),
                Arguments.of(
                        Named.of("config not parsed", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markConfigNotParsed("ConfigMapNotFound", "kafka-broker-config");
                        }),
                        "False",
                        "ConfigMapNotFound"),
                Arguments.of(
                        Named.of("dead-letter sink unresolvable", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markDeadLetterSinkResolvedFailed("Unresolvable", "no such service");
                        }),
                        "False",
                        "Unresolvable"),
                Arguments.of(
                        Named.of("data plane down", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markDataPlaneNotAvailable("NoReceivers", "0 pods");
                        }),
                        "False",
                        "NoReceivers"),
                Arguments.of(
                        Named.of("contract not written", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markConfigMapFailed("ConflictWritingContract", "retrying");
                        }),
                        "False",
                        "ConflictWritingContract"),
                Arguments.of(
                        Named.of("probe failed then succeeded", (Consumer<BrokerStatus>) s -> {
                            allTrue(s);
                            s.markProbeFailed("ProbeFailed", "503");
                            s.markProbeSucceeded();
                        }),
                        "True",
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheKafkaBrokerConditions(Consumer<BrokerStatus> marks, String ready, String readyReason) {
        BrokerStatus status = new BrokerStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void deadLetterSinkNotConfiguredIsTrueWithAReason() {
        BrokerStatus status = new BrokerStatus();
        status.markDeadLetterSinkResolved("http://dls.shop.svc.cluster.local");
        status.markDeadLetterSinkNotConfigured();
        assertThat(state(status, BrokerStatus.DEAD_LETTER_SINK_RESOLVED)).isEqualTo(Condition.TRUE);
        assertThat(reason(status, BrokerStatus.DEAD_LETTER_SINK_RESOLVED)).isEqualTo("DeadLetterSinkNotConfigured");
        assertThat(status.getDeadLetterSinkUri()).isNull();
    }

    @Test
    void addressIsNamedAfterItsSchemeAndListed() {
        BrokerStatus status = new BrokerStatus();
        status.markAddress(new Addressable().setUrl("https://broker.example/shop/default"));
        assertThat(status.getAddress().getName()).isEqualTo("https");
        assertThat(status.getAddresses()).containsExactly(status.getAddress());
    }

    @Test
    void readyOnlyForTheObservedGeneration() {
        Broker broker = with(BROKER, b -> {
            b.getMetadata().setGeneration(3L);
            b.setStatus(new BrokerStatus());
            allTrue(b.getStatus());
            b.getStatus().setObservedGeneration(2L);
        });
        assertThat(broker.isReady()).isFalse();
        broker.getStatus().setObservedGeneration(3L);
        assertThat(broker.isReady()).isTrue();
        assertThat(new Broker().isReady()).isFalse();
    }

    // Defaults ----------------------------------------------------------------------------------------------------

    @Test
    void bareBrokerGetsTheKafkaClassAndConfig() {
        Broker broker = parse("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                  namespace: shop
                """, Broker.class);
        BrokerDefaults.setDefaults(broker, EventingConfig.defaults());
        assertThat(broker.brokerClass()).isEqualTo(Knative.KAFKA_BROKER_CLASS);
        assertThat(broker.getSpec().getConfig())
                .isEqualTo(new KReference()
                        .setApiVersion("v1")
                        .setKind("ConfigMap")
                        .setName("kafka-broker-config")
                        .setNamespace("kinetic-system"));
        assertThat(broker.getSpec().getDelivery()).isNull();
    }

    static Stream<Arguments> defaults() {
        EventingConfig perNamespace = new EventingConfig(
                EventingConfig.defaults().clusterBroker(),
                Map.of(
                        "shop",
                        new EventingConfig.BrokerDefault(
                                Knative.MT_CHANNEL_BROKER_CLASS, null, new DeliverySpec().setRetry(7))),
                EventingConfig.defaults().clusterChannel(),
                Map.of());
        return Stream.of(
                Arguments.of(
                        Named.of("own class kept", (Consumer<Broker>) b -> b.getMetadata()
                                .getAnnotations()
                                .put(Knative.BROKER_CLASS_ANNOTATION, Knative.KAFKA_NAMESPACED_BROKER_CLASS)),
                        EventingConfig.defaults(),
                        (Consumer<Broker>) b -> assertThat(b.brokerClass()).isEqualTo("KafkaNamespaced")),
                Arguments.of(
                        Named.of("empty class replaced", (Consumer<Broker>)
                                b -> b.getMetadata().getAnnotations().put(Knative.BROKER_CLASS_ANNOTATION, "")),
                        EventingConfig.defaults(),
                        (Consumer<Broker>) b -> assertThat(b.brokerClass()).isEqualTo("Kafka")),
                Arguments.of(
                        Named.of("config without namespace gets the broker's", (Consumer<Broker>)
                                b -> b.getSpec().getConfig().setNamespace(null)),
                        EventingConfig.defaults(),
                        (Consumer<Broker>)
                                b -> assertThat(b.getSpec().getConfig().getNamespace())
                                        .isEqualTo("shop")),
                Arguments.of(
                        Named.of("dead-letter sink ref gets the broker's namespace", (Consumer<Broker>) b -> b.getSpec()
                                .setDelivery(new DeliverySpec()
                                        .setDeadLetterSink(new Destination()
                                                .setRef(new KReference()
                                                        .setApiVersion("v1")
                                                        .setKind("Service")
                                                        .setName("dls"))))),
                        EventingConfig.defaults(),
                        (Consumer<Broker>) b -> assertThat(b.getSpec()
                                        .getDelivery()
                                        .getDeadLetterSink()
                                        .getRef()
                                        .getNamespace())
                                .isEqualTo("shop")),
                Arguments.of(
                        Named.of("namespace defaults win over the cluster's", (Consumer<Broker>) b -> {
                            b.getMetadata().getAnnotations().clear();
                            b.setSpec(null);
                        }),
                        perNamespace,
                        (Consumer<Broker>) b -> {
                            assertThat(b.brokerClass()).isEqualTo(Knative.MT_CHANNEL_BROKER_CLASS);
                            assertThat(b.getSpec().getConfig().getName()).isEqualTo("kafka-broker-config");
                            assertThat(b.getSpec().getDelivery().getRetry()).isEqualTo(7);
                        }),
                Arguments.of(
                        Named.of("own delivery kept", (Consumer<Broker>)
                                b -> b.getSpec().setDelivery(new DeliverySpec().setRetry(1))),
                        perNamespace,
                        (Consumer<Broker>) b ->
                                assertThat(b.getSpec().getDelivery().getRetry()).isEqualTo(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void defaulting(Consumer<Broker> given, EventingConfig config, Consumer<Broker> expect) {
        Broker broker = with(BROKER, given);
        BrokerDefaults.setDefaults(broker, config);
        expect.accept(broker);
        assertNoErrors(BrokerValidation.validate(broker));
    }

    @Test
    void defaultsDoNotShareTheConfigObjects() {
        EventingConfig config = EventingConfig.defaults();
        Broker broker = with(BROKER, b -> b.setSpec(null));
        BrokerDefaults.setDefaults(broker, config);
        broker.getSpec().getConfig().setName("changed");
        assertThat(config.clusterBroker().config().getName()).isEqualTo("kafka-broker-config");
    }

    // Validation --------------------------------------------------------------------------------------------------

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "class annotation missing",
                        (Broker b) -> b.getMetadata().getAnnotations().clear(),
                        "metadata.annotations[eventing.knative.dev/broker.class]",
                        "missing field(s)"),
                row(
                        "config without name",
                        (Broker b) -> b.getSpec().getConfig().setName(null),
                        "spec.config.name",
                        "missing field(s)"),
                row(
                        "config without kind",
                        (Broker b) -> b.getSpec().getConfig().setKind(""),
                        "spec.config.kind",
                        "missing field(s)"),
                row(
                        "config without apiVersion",
                        (Broker b) -> b.getSpec().getConfig().setApiVersion(null),
                        "spec.config.apiVersion",
                        "missing field(s)"),
                row(
                        "dead-letter sink empty",
                        (Broker b) -> b.getSpec().setDelivery(new DeliverySpec().setDeadLetterSink(new Destination())),
                        "spec.delivery.deadLetterSink.ref",
                        "expected at least one, got none"),
                row(
                        "negative retry",
                        (Broker b) -> b.getSpec().setDelivery(new DeliverySpec().setRetry(-1)),
                        "spec.delivery.retry",
                        "invalid value: -1"),
                row(
                        "unknown backoff policy",
                        (Broker b) -> b.getSpec().setDelivery(new DeliverySpec().setBackoffPolicy("quadratic")),
                        "spec.delivery.backoffPolicy",
                        "invalid value: quadratic"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<Broker> change, String path, String message) {
        assertOnlyError(BrokerValidation.validate(with(BROKER, change)), path, message);
    }

    @Test
    void validAsWritten() {
        assertNoErrors(BrokerValidation.validate(BROKER));
        assertNoErrors(BrokerValidation.validate(with(BROKER, b -> b.setSpec(null))));
    }

    static Stream<Arguments> invalidUpdates() {
        return Stream.of(
                row(
                        "class changed",
                        (Broker b) -> b.getMetadata()
                                .getAnnotations()
                                .put(Knative.BROKER_CLASS_ANNOTATION, Knative.MT_CHANNEL_BROKER_CLASS),
                        "metadata.annotations[eventing.knative.dev/broker.class]",
                        "Immutable fields changed (-old +new)"),
                row(
                        "config changed",
                        (Broker b) -> b.getSpec().getConfig().setName("other-config"),
                        "spec.config",
                        "Immutable fields changed (-old +new)"),
                row(
                        "config removed",
                        (Broker b) -> b.getSpec().setConfig(null),
                        "spec.config",
                        "Immutable fields changed (-old +new)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidUpdates")
    void immutable(Consumer<Broker> change, String path, String message) {
        assertOnlyError(BrokerValidation.validateUpdate(BROKER, with(BROKER, change)), path, message);
    }

    @Test
    void deliveryMayChange() {
        Broker updated = with(BROKER, b -> b.getSpec().setDelivery(new DeliverySpec().setRetry(3)));
        assertNoErrors(BrokerValidation.validateUpdate(BROKER, updated));
    }

    @Test
    void immutableErrorShowsTheDiff() {
        Broker updated = with(BROKER, b -> b.getSpec().getConfig().setName("other-config"));
        assertThat(BrokerValidation.validateUpdate(BROKER, updated)
                        .list()
                        .get(0)
                        .details())
                .contains("-: {")
                .contains("kafka-broker-config")
                .contains("+: {")
                .contains("other-config");
    }
}
