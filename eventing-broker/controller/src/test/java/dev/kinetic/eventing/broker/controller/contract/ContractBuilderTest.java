package dev.kinetic.eventing.broker.controller.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.EgressConfig.BackoffPolicy;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContractBuilderTest {
    private static final EgressConfig BROKER_DELIVERY =
            new EgressConfig("http://dls", 3, BackoffPolicy.LINEAR, 100, 1000, null, null);

    private static BrokerEntry broker(String uid, String name) {
        return new BrokerEntry(uid, "ns", name, "knative-broker-ns-" + name, "kafka:9092", EgressConfig.NONE);
    }

    private static TriggerEntry trigger(String uid, String name, String brokerUid) {
        return new TriggerEntry(
                uid,
                "ns",
                name,
                brokerUid,
                "knative-trigger-ns-" + name,
                "http://" + name + ".ns.svc.cluster.local",
                Map.of(),
                List.of(),
                EgressConfig.NONE,
                DeliveryOrder.UNORDERED);
    }

    @Test
    void oneResourcePerBrokerWithItsTriggersEgresses() {
        BrokerEntry broker =
                new BrokerEntry("b1", "ns", "default", "knative-broker-ns-default", "k:9092", BROKER_DELIVERY);
        SubscriptionsAPIFilter prefix = new SubscriptionsAPIFilter().setPrefix(Map.of("type", "order."));
        TriggerEntry trigger = new TriggerEntry(
                "t1",
                "ns",
                "orders",
                "b1",
                "knative-trigger-ns-orders",
                "http://orders.ns.svc.cluster.local/in",
                Map.of("source", "shop"),
                List.of(prefix),
                null,
                DeliveryOrder.ORDERED);

        Contract contract = ContractBuilder.build(7, List.of(broker), List.of(trigger));

        assertThat(contract)
                .isEqualTo(new Contract(
                        7,
                        List.of(new Resource(
                                "b1",
                                List.of("knative-broker-ns-default"),
                                "k:9092",
                                new Ingress("/ns/default", null, Ingress.ContentMode.BINARY),
                                BROKER_DELIVERY,
                                List.of(new Egress(
                                        "t1",
                                        "knative-trigger-ns-orders",
                                        "http://orders.ns.svc.cluster.local/in",
                                        Egress.ReplyStrategy.REPLY_TO_ORIGINAL_TOPIC,
                                        null,
                                        Map.of("source", "shop"),
                                        List.of(prefix),
                                        null,
                                        DeliveryOrder.ORDERED,
                                        new Reference("t1", "ns", "orders", "Trigger", "eventing.knative.dev/v1"))),
                                new Reference("b1", "ns", "default", "Broker", "eventing.knative.dev/v1")))));
    }

    static Stream<Arguments> worlds() {
        return Stream.of(
                Arguments.of("nothing", List.of(), List.of(), List.of()),
                Arguments.of("a broker without triggers", List.of(broker("b1", "a")), List.of(), List.of("b1:")),
                Arguments.of(
                        "a trigger without its broker is left out",
                        List.of(broker("b1", "a")),
                        List.of(trigger("t1", "x", "b2")),
                        List.of("b1:")),
                Arguments.of(
                        "sorted by uid, egresses too",
                        List.of(broker("b2", "z"), broker("b1", "a")),
                        List.of(trigger("t3", "c", "b1"), trigger("t1", "a", "b2"), trigger("t2", "b", "b1")),
                        List.of("b1:t2,t3", "b2:t1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("worlds")
    void buildsAStableDocument(
            String name, List<BrokerEntry> brokers, List<TriggerEntry> triggers, List<String> expected) {
        Contract contract = ContractBuilder.build(1, brokers, triggers);
        List<String> shape = contract.resources().stream()
                .map(r -> r.uid() + ":"
                        + String.join(
                                ",", r.egresses().stream().map(Egress::uid).toList()))
                .toList();
        assertThat(shape).containsExactlyElementsOf(expected);

        List<BrokerEntry> shuffledBrokers = new ArrayList<>(brokers);
        List<TriggerEntry> shuffledTriggers = new ArrayList<>(triggers);
        Collections.reverse(shuffledBrokers);
        Collections.reverse(shuffledTriggers);
        assertThat(ContractJson.write(ContractBuilder.build(1, shuffledBrokers, shuffledTriggers)))
                .isEqualTo(ContractJson.write(contract));
    }

    @Test
    void entriesComeBackFromAWrittenContract() {
        List<BrokerEntry> brokers = List.of(broker("b1", "a"), broker("b2", "b"));
        List<TriggerEntry> triggers = List.of(trigger("t1", "x", "b1"), trigger("t2", "y", "b2"));
        Contract read = ContractJson.read(ContractJson.write(ContractBuilder.build(3, brokers, triggers)));

        assertThat(ContractBuilder.brokers(read)).containsExactlyElementsOf(brokers);
        assertThat(ContractBuilder.triggers(read)).containsExactlyElementsOf(triggers);
        assertThat(ContractBuilder.build(3, ContractBuilder.brokers(read), ContractBuilder.triggers(read)))
                .isEqualTo(read);
    }
}
