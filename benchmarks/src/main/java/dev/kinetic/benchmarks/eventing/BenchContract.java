package dev.kinetic.benchmarks.eventing;

import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.Ingress;
import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's topic layout and the data-plane contract that serves it. Every topic has {@value #PARTITIONS}
 * partitions (Knative's default for a Broker's topic) and replication factor 1 (one broker); the raw baselines use the
 * same topics, or one of the same layout where sharing would mix their events with Kinetic's:
 *
 * <ul>
 *   <li>Broker {@code bench/default}, topic {@value #INGRESS_TOPIC}: the receiver's throughput runs, and the raw
 *       producer's ceiling runs beside them. No trigger.
 *   <li>Broker {@code bench/backlog}, topic {@value #BACKLOG_TOPIC}: pre-filled with the backlog; during the dispatch
 *       run it has one trigger (a fresh consumer group) to the subscriber stub. The raw consumer loop reads the same
 *       topic with a consumer group of its own.
 *   <li>Broker {@code bench/latency}, topic {@value #LATENCY_TOPIC}: the end-to-end latency run, with one trigger to
 *       the stub. The raw producer → consumer latency runs on {@value #RAW_LATENCY_TOPIC}, same layout.
 * </ul>
 *
 * <p>Pure: builds values, touches no client.
 */
public final class BenchContract {
    public static final String NAMESPACE = "bench";
    public static final String SYSTEM_NAMESPACE = "kinetic-system";
    public static final String CONFIG_MAP = "kafka-broker-brokers-triggers";
    public static final int PARTITIONS = 10;

    public static final String INGRESS_BROKER = "default";
    public static final String BACKLOG_BROKER = "backlog";
    public static final String LATENCY_BROKER = "latency";
    public static final String INGRESS_TOPIC = topic(INGRESS_BROKER);
    public static final String BACKLOG_TOPIC = topic(BACKLOG_BROKER);
    public static final String LATENCY_TOPIC = topic(LATENCY_BROKER);
    public static final String RAW_LATENCY_TOPIC = LATENCY_TOPIC + "-raw";

    /** Every topic the benchmark uses. */
    public static final List<String> TOPICS = List.of(INGRESS_TOPIC, BACKLOG_TOPIC, LATENCY_TOPIC, RAW_LATENCY_TOPIC);

    private BenchContract() {}

    /** A trigger of one of the brokers: its consumer group and subscriber. */
    public record Trigger(String broker, String name, String consumerGroup, String destination) {}

    /** Knative's topic name of a Broker: {@code knative-broker-{namespace}-{name}}. */
    public static String topic(String broker) {
        return "knative-broker-" + NAMESPACE + "-" + broker;
    }

    /** The receiver's path of a broker. */
    public static String path(String broker) {
        return "/" + NAMESPACE + "/" + broker;
    }

    /** The three brokers, with the given triggers, at {@code generation}. */
    public static Contract contract(long generation, String bootstrapServers, List<Trigger> triggers) {
        List<Resource> resources = new ArrayList<>();
        for (String broker : List.of(INGRESS_BROKER, BACKLOG_BROKER, LATENCY_BROKER)) {
            List<Egress> egresses = triggers.stream()
                    .filter(t -> t.broker().equals(broker))
                    .map(BenchContract::egress)
                    .toList();
            resources.add(new Resource(
                    uid("broker", broker),
                    List.of(topic(broker)),
                    bootstrapServers,
                    new Ingress(path(broker), null, Ingress.ContentMode.BINARY),
                    EgressConfig.NONE,
                    egresses,
                    new Reference(uid("broker", broker), NAMESPACE, broker, "Broker", "eventing.knative.dev/v1")));
        }
        return new Contract(generation, resources);
    }

    /** The contract ConfigMap holding {@code contract}, as the broker controller writes it. */
    public static ConfigMap configMap(Contract contract) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(SYSTEM_NAMESPACE)
                .withName(CONFIG_MAP)
                .endMetadata()
                .withData(Map.of(ContractJson.DATA_KEY, ContractJson.write(contract)))
                .build();
    }

    private static Egress egress(Trigger t) {
        return new Egress(
                uid("trigger", t.name()),
                t.consumerGroup(),
                t.destination(),
                Egress.ReplyStrategy.DISCARD,
                null,
                Map.of(),
                List.of(),
                null,
                Egress.DeliveryOrder.UNORDERED,
                new Reference(uid("trigger", t.name()), NAMESPACE, t.name(), "Trigger", "eventing.knative.dev/v1"));
    }

    /** A stable, readable uid (the data plane diffs by uid; any unique string will do). */
    private static String uid(String kind, String name) {
        return "bench-" + kind + "-" + name;
    }
}
