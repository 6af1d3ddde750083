package dev.kinetic.api.sources.v1beta1;

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
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaSourceTest {

    static final KafkaSource SOURCE = parse("""
            apiVersion: sources.knative.dev/v1beta1
            kind: KafkaSource
            metadata:
              name: orders
              namespace: shop
            spec:
              bootstrapServers:
                - my-cluster-kafka-bootstrap.kafka:9092
              topics:
                - orders
              sink:
                ref:
                  apiVersion: serving.knative.dev/v1
                  kind: Service
                  name: display
            """, KafkaSource.class);

    static Arguments lifecycleRow(String name, Consumer<KafkaSourceStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static void allTrue(KafkaSourceStatus s) {
        s.initializeConditions();
        s.markSink("http://display.shop.svc.cluster.local");
        s.markDeployed();
        s.markConnectionEstablished();
        s.markInitialOffsetCommitted();
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", KafkaSourceStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", KafkaSourceTest::allTrue, "True", null),
                lifecycleRow(
                        "cannot connect",
                        s -> {
                            allTrue(s);
                            s.markConnectionNotEstablished("ClientCreationFailed", "no brokers");
                        },
                        "False",
                        "ClientCreationFailed"),
                lifecycleRow(
                        "offsets not committed",
                        s -> {
                            allTrue(s);
                            s.markInitialOffsetNotCommitted("OffsetsNotCommitted", "");
                        },
                        "False",
                        "OffsetsNotCommitted"),
                lifecycleRow(
                        "not deployed",
                        s -> {
                            allTrue(s);
                            s.markNotDeployed("NotScheduled", "no dispatcher capacity");
                        },
                        "False",
                        "NotScheduled"),
                lifecycleRow(
                        "deploying",
                        s -> {
                            allTrue(s);
                            s.markDeploying("Scheduling", "");
                        },
                        "Unknown",
                        "Scheduling"),
                lifecycleRow(
                        "no sink",
                        s -> {
                            allTrue(s);
                            s.markNoSink("NotFound", "");
                        },
                        "False",
                        "NotFound"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheKafkaSourceConditions(Consumer<KafkaSourceStatus> marks, String ready, String readyReason) {
        KafkaSourceStatus status = new KafkaSourceStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void readyOnlyForTheObservedGeneration() {
        KafkaSource source = with(SOURCE, k -> {
            k.getMetadata().setGeneration(2L);
            k.setStatus(new KafkaSourceStatus());
            allTrue(k.getStatus());
            k.getStatus().setObservedGeneration(2L);
        });
        assertThat(source.isReady()).isTrue();
        source.getStatus().getConditions().removeIf(c -> c.getType().equals("Ready"));
        assertThat(source.isReady()).isFalse();
    }

    @Test
    void defaults() {
        KafkaSource source = with(SOURCE, k -> k.getSpec().getSink().getRef().setNamespace(null));
        KafkaSourceDefaults.setDefaults(source);
        KafkaSourceSpec spec = source.getSpec();
        assertThat(spec.getConsumers()).isEqualTo(1);
        assertThat(spec.getInitialOffset()).isEqualTo("latest");
        assertThat(spec.getOrdering()).isEqualTo("ordered");
        assertThat(spec.getConsumerGroup())
                .as("no UID before the API server assigns one")
                .isNull();
        assertThat(spec.getSink().getRef().getNamespace()).isEqualTo("shop");
        assertNoErrors(KafkaSourceValidation.validate(source));
    }

    @Test
    void consumerGroupFromTheUid() {
        KafkaSource source = with(SOURCE, k -> k.getMetadata().setUid("0f8a1c2e-1111-4222-8333-444455556666"));
        KafkaSourceDefaults.setDefaults(source);
        assertThat(source.getSpec().getConsumerGroup())
                .isEqualTo("knative-kafka-source-0f8a1c2e-1111-4222-8333-444455556666");
        KafkaSource named = with(source, k -> k.getSpec().setConsumerGroup("mine"));
        KafkaSourceDefaults.setDefaults(named);
        assertThat(named.getSpec().getConsumerGroup()).isEqualTo("mine");
    }

    static SecretValueFromSource secret(String name, String key) {
        return new SecretValueFromSource().setSecretKeyRef(new SecretKeySelector(key, name, null));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "no bootstrap servers",
                        (KafkaSource k) -> k.getSpec().setBootstrapServers(null),
                        "spec.bootstrapServers",
                        "missing field(s)"),
                row(
                        "blank bootstrap server",
                        (KafkaSource k) -> k.getSpec().setBootstrapServers(List.of("")),
                        "spec.bootstrapServers[0]",
                        "missing field(s)"),
                row(
                        "no topics",
                        (KafkaSource k) -> k.getSpec().setTopics(List.of()),
                        "spec.topics",
                        "missing field(s)"),
                row(
                        "zero consumers",
                        (KafkaSource k) -> k.getSpec().setConsumers(0),
                        "spec.consumers",
                        "invalid value: 0"),
                row(
                        "unknown initial offset",
                        (KafkaSource k) -> k.getSpec().setInitialOffset("newest"),
                        "spec.initialOffset",
                        "invalid value: newest"),
                row(
                        "unknown ordering",
                        (KafkaSource k) -> k.getSpec().setOrdering("fifo"),
                        "spec.ordering",
                        "invalid value: fifo"),
                row(
                        "bad delivery",
                        (KafkaSource k) -> k.getSpec().setDelivery(new DeliverySpec().setRetry(-1)),
                        "spec.delivery.retry",
                        "invalid value: -1"),
                row(
                        "sasl secret without key",
                        (KafkaSource k) -> k.getSpec()
                                .setNet(new KafkaNetSpec()
                                        .setSasl(new KafkaSASLSpec()
                                                .setEnable(true)
                                                .setUser(secret("sasl", "user"))
                                                .setPassword(secret("sasl", null)))),
                        "spec.net.sasl.password.secretKeyRef.key",
                        "missing field(s)"),
                row(
                        "tls secret without name",
                        (KafkaSource k) -> k.getSpec()
                                .setNet(new KafkaNetSpec()
                                        .setTls(new KafkaTLSSpec()
                                                .setEnable(true)
                                                .setCaCert(secret("", "ca.crt")))),
                        "spec.net.tls.caCert.secretKeyRef.name",
                        "missing field(s)"),
                row(
                        "no sink",
                        (KafkaSource k) -> k.getSpec().setSink(null),
                        "spec.sink.ref",
                        "expected at least one, got none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<KafkaSource> change, String path, String message) {
        assertOnlyError(KafkaSourceValidation.validate(with(SOURCE, change)), path, message);
    }

    @Test
    void consumerGroupIsImmutableOnceSet() {
        KafkaSource before = with(SOURCE, k -> k.getSpec().setConsumerGroup("group-a"));
        assertOnlyError(
                KafkaSourceValidation.validateUpdate(
                        before, with(before, k -> k.getSpec().setConsumerGroup("group-b"))),
                "spec.consumerGroup",
                "Immutable fields changed (-old +new)");
        assertNoErrors(KafkaSourceValidation.validateUpdate(SOURCE, before));
        assertNoErrors(KafkaSourceValidation.validateUpdate(
                before, with(before, k -> k.getSpec().setTopics(List.of("x")))));
    }
}
