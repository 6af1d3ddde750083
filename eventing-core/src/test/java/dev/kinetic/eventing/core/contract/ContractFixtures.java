package dev.kinetic.eventing.core.contract;

import java.util.List;
import java.util.Map;

/** Small builders of contract documents for tests. */
final class ContractFixtures {
    private ContractFixtures() {}

    static Resource broker(String uid, Egress... egresses) {
        return new Resource(
                uid,
                List.of("knative-broker-ns-" + uid),
                "localhost:9092",
                new Ingress("/ns/" + uid, null, Ingress.ContentMode.BINARY),
                EgressConfig.NONE,
                List.of(egresses),
                new Reference(uid, "ns", uid, "Broker", "eventing.knative.dev/v1"));
    }

    static Egress trigger(String uid, String destination) {
        return new Egress(
                uid,
                "knative-trigger-ns-" + uid,
                destination,
                Egress.ReplyStrategy.REPLY_TO_ORIGINAL_TOPIC,
                null,
                Map.of(),
                List.of(),
                null,
                Egress.DeliveryOrder.UNORDERED,
                new Reference(uid, "ns", uid, "Trigger", "eventing.knative.dev/v1"));
    }

    static Contract contract(long generation, Resource... resources) {
        return new Contract(generation, List.of(resources));
    }
}
