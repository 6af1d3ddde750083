package dev.kinetic.eventing.broker.controller.contract;

import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles Brokers and Triggers into the data plane's contract. Pure, and stable: resources and egresses are sorted
 * by uid, so the same world always gives the same document.
 */
public final class ContractBuilder {
    static final String API_VERSION = "eventing.knative.dev/v1";

    private ContractBuilder() {}

    /**
     * One resource per Broker (ingress at {@code /{namespace}/{name}}, binary content mode), holding one egress per
     * Trigger of that Broker. A Trigger whose Broker is not among {@code brokers} is left out.
     */
    public static Contract build(long generation, List<BrokerEntry> brokers, List<TriggerEntry> triggers) {
        Map<String, List<TriggerEntry>> byBroker =
                triggers.stream().collect(Collectors.groupingBy(TriggerEntry::brokerUid));
        List<Resource> resources = brokers.stream()
                .sorted(Comparator.comparing(BrokerEntry::uid))
                .map(b -> resource(b, byBroker.getOrDefault(b.uid(), List.of())))
                .toList();
        return new Contract(generation, resources);
    }

    private static Resource resource(BrokerEntry broker, List<TriggerEntry> triggers) {
        List<Egress> egresses = new ArrayList<>();
        triggers.stream().sorted(Comparator.comparing(TriggerEntry::uid)).forEach(t -> egresses.add(egress(t)));
        return new Resource(
                broker.uid(),
                List.of(broker.topic()),
                broker.bootstrapServers(),
                new Ingress(path(broker.namespace(), broker.name()), null, Ingress.ContentMode.BINARY),
                broker.egressConfig(),
                egresses,
                new Reference(broker.uid(), broker.namespace(), broker.name(), "Broker", API_VERSION));
    }

    private static Egress egress(TriggerEntry trigger) {
        return new Egress(
                trigger.uid(),
                trigger.consumerGroup(),
                trigger.destination(),
                Egress.ReplyStrategy.REPLY_TO_ORIGINAL_TOPIC,
                null,
                trigger.filterAttributes(),
                trigger.filters(),
                trigger.egressConfig(),
                trigger.deliveryOrder(),
                new Reference(trigger.uid(), trigger.namespace(), trigger.name(), "Trigger", API_VERSION));
    }

    /** A Broker's ingress path, also the path of its address. */
    public static String path(String namespace, String name) {
        return "/" + namespace + "/" + name;
    }

    /** The Broker entries a contract was built from, for a controller that starts with a contract already written. */
    public static List<BrokerEntry> brokers(Contract contract) {
        return contract.resources().stream()
                .filter(r -> r.reference() != null && !r.topics().isEmpty())
                .map(r -> new BrokerEntry(
                        r.uid(),
                        r.reference().namespace(),
                        r.reference().name(),
                        r.topics().get(0),
                        r.bootstrapServers(),
                        r.egressConfig()))
                .toList();
    }

    /** The Trigger entries of a contract, the inverse of {@link #build} for egresses. */
    public static List<TriggerEntry> triggers(Contract contract) {
        List<TriggerEntry> entries = new ArrayList<>();
        for (Resource r : contract.resources()) {
            for (Egress e : r.egresses()) {
                if (e.reference() == null) {
                    continue;
                }
                entries.add(new TriggerEntry(
                        e.uid(),
                        e.reference().namespace(),
                        e.reference().name(),
                        r.uid(),
                        e.consumerGroup(),
                        e.destination(),
                        e.filterAttributes(),
                        e.filters(),
                        e.egressConfig(),
                        e.deliveryOrder()));
            }
        }
        return entries;
    }
}
