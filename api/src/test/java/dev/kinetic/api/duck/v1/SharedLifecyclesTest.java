package dev.kinetic.api.duck.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.eventing.v1.BrokerStatus;
import dev.kinetic.api.eventing.v1.TriggerStatus;
import dev.kinetic.api.messaging.v1.ChannelStatus;
import dev.kinetic.api.messaging.v1.InMemoryChannelStatus;
import dev.kinetic.api.messaging.v1.SubscriptionStatus;
import dev.kinetic.api.messaging.v1beta1.KafkaChannelStatus;
import dev.kinetic.api.sources.v1.ApiServerSourceStatus;
import dev.kinetic.api.sources.v1.ContainerSourceStatus;
import dev.kinetic.api.sources.v1.PingSourceStatus;
import dev.kinetic.api.sources.v1.SinkBindingStatus;
import dev.kinetic.api.sources.v1.SourceLifecycle;
import dev.kinetic.api.sources.v1beta1.KafkaSourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lifecycles several kinds share are written once as default methods; these rows check that every kind composing
 * one gets the same behaviour, and that none of them adds a property to the kind's JSON (Jackson would take a
 * {@code getX()} or {@code isX()} default method for one).
 */
class SharedLifecyclesTest {
    static final Addressable RESOLVED = new Addressable()
            .setUrl("http://target.shop.svc.cluster.local")
            .setCaCerts("ca")
            .setAudience("aud");

    static final Set<String> ADDRESS = Set.of("address", "addresses");
    static final Set<String> DEAD_LETTER_SINK =
            Set.of("deadLetterSinkUri", "deadLetterSinkCACerts", "deadLetterSinkAudience");
    static final Set<String> SINK = Set.of("sinkUri", "sinkCACerts", "sinkAudience");

    static <T> Named<Supplier<T>> kind(String name, Supplier<T> status) {
        return Named.of(name, status);
    }

    static Stream<Arguments> everyKind() {
        return Stream.of(
                arguments(kind("Broker", BrokerStatus::new), union(ADDRESS, DEAD_LETTER_SINK)),
                arguments(kind("Trigger", TriggerStatus::new), DEAD_LETTER_SINK),
                arguments(kind("Channel", ChannelStatus::new), union(ADDRESS, DEAD_LETTER_SINK)),
                arguments(kind("InMemoryChannel", InMemoryChannelStatus::new), union(ADDRESS, DEAD_LETTER_SINK)),
                arguments(kind("KafkaChannel", KafkaChannelStatus::new), union(ADDRESS, DEAD_LETTER_SINK)),
                arguments(kind("Subscription", SubscriptionStatus::new), Set.of()),
                arguments(kind("ApiServerSource", ApiServerSourceStatus::new), SINK),
                arguments(kind("PingSource", PingSourceStatus::new), SINK),
                arguments(kind("SinkBinding", SinkBindingStatus::new), SINK),
                arguments(kind("ContainerSource", ContainerSourceStatus::new), Set.of()),
                arguments(kind("KafkaSource", KafkaSourceStatus::new), SINK));
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        return Stream.concat(a.stream(), b.stream()).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void sharedMarksAddNoJsonProperty(Supplier<? extends StatusLifecycle> kind, Set<String> written) {
        StatusLifecycle status = kind.get();
        status.initializeConditions();
        if (status instanceof AddressLifecycle a) {
            a.markAddress(RESOLVED, "NoURL", "no URL");
        }
        if (status instanceof DataPlaneLifecycle d) {
            d.markDataPlaneAvailable();
            d.markConfigMapUpdated();
            d.markProbeSucceeded();
        }
        if (status instanceof DeadLetterSinkLifecycle d) {
            d.markDeadLetterSinkResolved(RESOLVED);
        }
        if (status instanceof SinkLifecycle s) {
            s.markSink(RESOLVED);
        }
        if (status instanceof SourceLifecycle s) {
            s.markDeployed();
        }

        assertThat(fieldNames(Manifests.toTree(status)))
                .containsExactlyInAnyOrderElementsOf(union(written, Set.of("conditions")));
    }

    static Stream<Named<Supplier<DeadLetterSinkLifecycle>>> deadLetterSinkKinds() {
        return Stream.of(
                kind("Broker", BrokerStatus::new),
                kind("Trigger", TriggerStatus::new),
                kind("Channel", ChannelStatus::new),
                kind("InMemoryChannel", InMemoryChannelStatus::new),
                kind("KafkaChannel", KafkaChannelStatus::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deadLetterSinkKinds")
    void deadLetterSinkIsRecordedAndCleared(Supplier<DeadLetterSinkLifecycle> kind) {
        DeadLetterSinkLifecycle status = kind.get();
        status.initializeConditions();

        status.markDeadLetterSinkResolved(RESOLVED);
        JsonNode json = Manifests.toTree(status);
        assertThat(json.path("deadLetterSinkUri").asText()).isEqualTo(RESOLVED.getUrl());
        assertThat(json.path("deadLetterSinkCACerts").asText()).isEqualTo("ca");
        assertThat(json.path("deadLetterSinkAudience").asText()).isEqualTo("aud");
        assertThat(condition(status, DeadLetterSinkLifecycle.DEAD_LETTER_SINK_RESOLVED))
                .extracting(Condition::getStatus)
                .isEqualTo(Condition.TRUE);

        status.markDeadLetterSinkResolvedFailed("Unresolved", "no such service");
        assertThat(fieldNames(Manifests.toTree(status))).doesNotContainAnyElementsOf(DEAD_LETTER_SINK);
        assertThat(condition(status, ConditionSet.READY))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly(Condition.FALSE, "Unresolved");

        status.markDeadLetterSinkResolved("http://dls");
        assertThat(Manifests.toTree(status).path("deadLetterSinkUri").asText()).isEqualTo("http://dls");

        status.markDeadLetterSinkNotConfigured();
        assertThat(fieldNames(Manifests.toTree(status))).doesNotContainAnyElementsOf(DEAD_LETTER_SINK);
        assertThat(condition(status, DeadLetterSinkLifecycle.DEAD_LETTER_SINK_RESOLVED))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly(Condition.TRUE, "DeadLetterSinkNotConfigured");
    }

    static Stream<Named<Supplier<SinkLifecycle>>> sinkKinds() {
        return Stream.of(
                kind("ApiServerSource", ApiServerSourceStatus::new),
                kind("PingSource", PingSourceStatus::new),
                kind("SinkBinding", SinkBindingStatus::new),
                kind("KafkaSource", KafkaSourceStatus::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sinkKinds")
    void emptySinkIsNotProvided(Supplier<SinkLifecycle> kind) {
        SinkLifecycle status = kind.get();
        status.initializeConditions();
        status.markSink(RESOLVED);
        assertThat(fieldNames(Manifests.toTree(status))).containsAll(SINK);

        status.markSink("");
        assertThat(fieldNames(Manifests.toTree(status))).doesNotContainAnyElementsOf(SINK);
        assertThat(condition(status, SinkLifecycle.SINK_PROVIDED))
                .extracting(Condition::getStatus, Condition::getReason)
                .containsExactly(Condition.FALSE, "SinkEmpty");
    }

    static Condition condition(StatusLifecycle status, String type) {
        return status.manageConditions().get(type).orElseThrow();
    }

    static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
