package dev.kinetic.eventing.core.contract;

import static dev.kinetic.eventing.core.contract.ContractFixtures.broker;
import static dev.kinetic.eventing.core.contract.ContractFixtures.contract;
import static dev.kinetic.eventing.core.contract.ContractFixtures.trigger;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The watcher against the Kubernetes test server: changes arrive by diff, bad documents are skipped. */
@WithKineticApi
class ContractWatcherIT {
    private static final String NS = "kinetic-system";

    @Test
    void appliesEachGenerationByDiffAndKeepsTheLastGoodDocument(KubernetesClient client) {
        String name = "contract-a";
        write(client, name, ContractJson.write(contract(1, broker("b1", trigger("t1", "http://a")))));
        List<String> calls = new CopyOnWriteArrayList<>();
        try (ContractWatcher watcher = ContractWatcher.start(client, NS, name, new ContractDiffTest.Recorder(calls))) {
            assertThat(watcher.synced()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.appliedGeneration() == 1);
            assertThat(calls).containsExactly("+resource b1", "+egress t1");

            calls.clear();
            write(
                    client,
                    name,
                    ContractJson.write(
                            contract(2, broker("b1", trigger("t1", "http://a"), trigger("t2", "http://b")))));
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.appliedGeneration() == 2);
            assertThat(calls).containsExactly("+egress t2");

            calls.clear();
            write(client, name, "{not json");
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.rejectedDocuments() == 1);
            assertThat(watcher.appliedGeneration()).isEqualTo(2);
            assertThat(calls).isEmpty();

            write(client, name, ContractJson.write(contract(2, broker("b1"))));
            write(client, name, ContractJson.write(contract(3, broker("b1", trigger("t2", "http://b")))));
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.appliedGeneration() == 3);
            assertThat(calls).as("generation 2 again is skipped").containsExactly("-egress t1");

            calls.clear();
            client.configMaps().inNamespace(NS).withName(name).delete();
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.size() == 2);
            assertThat(calls).containsExactly("-egress t2", "-resource b1");
            assertThat(watcher.appliedGeneration()).isZero();
        }
    }

    @Test
    void startsEmptyWhenTheConfigMapIsAbsentAndPicksItUpLater(KubernetesClient client) {
        String name = "contract-b";
        List<String> calls = new CopyOnWriteArrayList<>();
        try (ContractWatcher watcher = ContractWatcher.start(client, NS, name, new ContractDiffTest.Recorder(calls))) {
            assertThat(watcher.synced()).isTrue();
            assertThat(watcher.applied()).isEqualTo(Contract.EMPTY);
            write(client, name, ContractJson.write(contract(5, broker("b1"))));
            await().atMost(Duration.ofSeconds(5)).until(() -> watcher.appliedGeneration() == 5);
            assertThat(calls).containsExactly("+resource b1");
        }
    }

    private static void write(KubernetesClient client, String name, String document) {
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .addToData(ContractJson.DATA_KEY, document)
                .build();
        client.configMaps().inNamespace(NS).resource(configMap).createOr(c -> c.update());
    }
}
