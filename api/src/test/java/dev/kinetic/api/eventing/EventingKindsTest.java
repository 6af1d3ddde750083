package dev.kinetic.api.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.KindInfo;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Knative;
import dev.kinetic.api.crd.CrdGenerator;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.messaging.v1.Channel;
import dev.kinetic.api.messaging.v1.InMemoryChannel;
import dev.kinetic.api.messaging.v1.Subscription;
import dev.kinetic.api.messaging.v1beta1.KafkaChannel;
import dev.kinetic.api.sources.v1.PingSource;
import dev.kinetic.api.sources.v1.SinkBinding;
import dev.kinetic.api.sources.v1beta1.KafkaSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventingKindsTest {

    @Test
    void everyKindIsRegistered() {
        assertThat(EventingKinds.ALL)
                .extracting(KindInfo::apiVersion, KindInfo::kind)
                .containsExactly(
                        tuple("eventing.knative.dev/v1", "Broker"),
                        tuple("eventing.knative.dev/v1", "Trigger"),
                        tuple("messaging.knative.dev/v1", "Channel"),
                        tuple("messaging.knative.dev/v1", "InMemoryChannel"),
                        tuple("messaging.knative.dev/v1", "Subscription"),
                        tuple("messaging.knative.dev/v1beta1", "KafkaChannel"),
                        tuple("sources.knative.dev/v1", "PingSource"),
                        tuple("sources.knative.dev/v1", "ApiServerSource"),
                        tuple("sources.knative.dev/v1", "SinkBinding"),
                        tuple("sources.knative.dev/v1", "ContainerSource"),
                        tuple("sources.knative.dev/v1beta1", "KafkaSource"));
        assertThat(KineticKinds.ALL).containsAll(EventingKinds.ALL);
    }

    static Stream<Arguments> crds() {
        return Stream.of(
                Arguments.of(
                        Named.of("Broker", Broker.class),
                        "brokers.eventing.knative.dev",
                        List.of(),
                        List.of(Knative.ADDRESSABLE_DUCK_LABEL)),
                Arguments.of(
                        Named.of("Channel", Channel.class),
                        "channels.messaging.knative.dev",
                        List.of("ch"),
                        List.of(Knative.ADDRESSABLE_DUCK_LABEL, Knative.SUBSCRIBABLE_DUCK_LABEL)),
                Arguments.of(
                        Named.of("InMemoryChannel", InMemoryChannel.class),
                        "inmemorychannels.messaging.knative.dev",
                        List.of("imc"),
                        List.of(Knative.ADDRESSABLE_DUCK_LABEL, Knative.SUBSCRIBABLE_DUCK_LABEL)),
                Arguments.of(
                        Named.of("KafkaChannel", KafkaChannel.class),
                        "kafkachannels.messaging.knative.dev",
                        List.of("kc"),
                        List.of(Knative.ADDRESSABLE_DUCK_LABEL, Knative.SUBSCRIBABLE_DUCK_LABEL)),
                Arguments.of(
                        Named.of("Subscription", Subscription.class),
                        "subscriptions.messaging.knative.dev",
                        List.of("sub"),
                        List.of()),
                Arguments.of(
                        Named.of("PingSource", PingSource.class),
                        "pingsources.sources.knative.dev",
                        List.of(),
                        List.of(Knative.SOURCE_DUCK_LABEL, Knative.EVENTING_SOURCE_LABEL)),
                Arguments.of(
                        Named.of("SinkBinding", SinkBinding.class),
                        "sinkbindings.sources.knative.dev",
                        List.of(),
                        List.of(Knative.SOURCE_DUCK_LABEL, Knative.BINDING_DUCK_LABEL)),
                Arguments.of(
                        Named.of("KafkaSource", KafkaSource.class),
                        "kafkasources.sources.knative.dev",
                        List.of(),
                        List.of(Knative.SOURCE_DUCK_LABEL, Knative.EVENTING_SOURCE_LABEL)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crds")
    void crdNamesAndLabelsAreKnatives(Class<?> type, String crdName, List<String> shortNames, List<String> labels) {
        KindInfo kind = KineticKinds.of(type);
        assertThat(kind.crdName()).isEqualTo(crdName);
        assertThat(kind.shortNames()).isEqualTo(shortNames);
        assertThat(kind.labels()).containsEntry(Knative.CRD_INSTALL_LABEL, "true");
        labels.forEach(label -> assertThat(kind.labels()).containsEntry(label, "true"));
        assertThat(kind.columns()).contains(KindInfo.READY, KindInfo.REASON, KindInfo.AGE);
    }

    @Test
    void specFieldsOfEmbeddedDuckTypesStayFlat() {
        JsonNode kafkaChannel =
                CrdGenerator.rootSchema(KineticKinds.of(KafkaChannel.class)).at("/properties/spec/properties");
        assertThat(kafkaChannel.fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder(
                        "numPartitions", "replicationFactor", "retentionDuration", "subscribers", "delivery");
        JsonNode pingSource =
                CrdGenerator.rootSchema(KineticKinds.of(PingSource.class)).at("/properties/spec/properties");
        assertThat(pingSource.has("sink")).isTrue();
        assertThat(pingSource.has("ceOverrides")).isTrue();
        JsonNode template = CrdGenerator.rootSchema(KineticKinds.of(Channel.class))
                .at("/properties/spec/properties/channelTemplate/properties/spec");
        assertThat(template.path("x-kubernetes-preserve-unknown-fields").asBoolean())
                .isTrue();
    }

    @Test
    void pingSourceShowsItsSchedule() {
        assertThat(KineticKinds.of(PingSource.class).columns())
                .extracting(KindInfo.PrinterColumn::jsonPath)
                .containsExactly(
                        ".status.sinkUri",
                        ".spec.schedule",
                        ".metadata.creationTimestamp",
                        ".status.conditions[?(@.type=='Ready')].status",
                        ".status.conditions[?(@.type=='Ready')].reason");
    }
}
