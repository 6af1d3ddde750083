package dev.kinetic.benchmarks.eventing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Resource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchContractTest {
    @Test
    void threeBrokersOnTheirOwnTopicsWithTheirTriggers() {
        BenchContract.Trigger trigger =
                new BenchContract.Trigger("backlog", "dispatch", "group-1", "http://127.0.0.1:1/");

        Contract contract = BenchContract.contract(7, "localhost:9092", List.of(trigger));

        assertThat(contract.generation()).isEqualTo(7);
        assertThat(contract.resources())
                .extracting(r -> r.topics().get(0))
                .containsExactly(
                        "knative-broker-bench-default", "knative-broker-bench-backlog", "knative-broker-bench-latency");
        assertThat(contract.resources())
                .extracting(r -> r.ingress().path())
                .containsExactly("/bench/default", "/bench/backlog", "/bench/latency");
        assertThat(contract.resources()).extracting(Resource::bootstrapServers).containsOnly("localhost:9092");
        Resource backlog = contract.resources().get(1);
        assertThat(backlog.egresses()).singleElement().satisfies(e -> {
            assertThat(e.consumerGroup()).isEqualTo("group-1");
            assertThat(e.destination()).isEqualTo("http://127.0.0.1:1/");
            assertThat(e.replyStrategy()).isEqualTo(Egress.ReplyStrategy.DISCARD);
            assertThat(e.deliveryOrder()).isEqualTo(Egress.DeliveryOrder.UNORDERED);
        });
        assertThat(contract.resources().get(0).egresses()).isEmpty();
        assertThat(BenchContract.TOPICS).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void theConfigMapHoldsTheContractTheDataPlaneReads() {
        Contract contract = BenchContract.contract(3, "localhost:9092", List.of());

        ConfigMap cm = BenchContract.configMap(contract);

        assertThat(cm.getMetadata().getNamespace()).isEqualTo("kinetic-system");
        assertThat(cm.getMetadata().getName()).isEqualTo("kafka-broker-brokers-triggers");
        assertThat(ContractJson.read(cm.getData().get("data"))).isEqualTo(contract);
    }
}
