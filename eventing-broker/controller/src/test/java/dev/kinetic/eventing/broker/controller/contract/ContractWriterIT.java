package dev.kinetic.eventing.broker.controller.contract;

import static dev.kinetic.eventing.broker.controller.Cluster.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.eventing.broker.controller.BrokerTestServer;
import dev.kinetic.eventing.broker.controller.Cluster;
import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.testsupport.kafka.KafkaTestResource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract writer against the test server: generations, unchanged worlds, another writer, health. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = BrokerTestServer.class)
@WithTestResource(KafkaTestResource.class)
class ContractWriterIT {

    @Inject
    ContractWriter writer;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    private static BrokerEntry broker(String uid) {
        return new BrokerEntry(uid, "writer", uid, "knative-broker-writer-" + uid, "k:9092", EgressConfig.NONE);
    }

    private ConfigMap stored() {
        return client.configMaps()
                .inNamespace(BrokerTestServer.SYSTEM_NAMESPACE)
                .withName(Cluster.CONTRACT)
                .get();
    }

    @Test
    void theGenerationMovesOnlyWhenTheResourcesChange() {
        Contract first = writer.putBroker(broker("writer-a"));
        assertThat(Cluster.contract(client)).isEqualTo(first);
        String version = stored().getMetadata().getResourceVersion();

        Contract again = writer.putBroker(broker("writer-a"));

        assertThat(again.generation()).isEqualTo(first.generation());
        assertThat(stored().getMetadata().getResourceVersion()).isEqualTo(version);

        Contract withTrigger = writer.putTrigger(new TriggerEntry(
                "writer-t",
                "writer",
                "t",
                "writer-a",
                "knative-trigger-writer-t",
                "http://sub",
                Map.of(),
                List.of(),
                null,
                DeliveryOrder.UNORDERED));
        assertThat(withTrigger.generation()).isEqualTo(first.generation() + 1);
        assertThat(Cluster.egress(Cluster.contract(client), "writer-t")).isPresent();

        Contract removed = writer.removeBroker("writer-a");
        assertThat(removed.generation()).isEqualTo(first.generation() + 2);
        assertThat(Cluster.resource(removed, "writer-a")).isEmpty();
        assertThat(writer.triggersOf("writer-a")).isEmpty();
    }

    @Test
    void anotherWritersGenerationIsBuiltUpon() {
        writer.putBroker(broker("writer-b"));
        ConfigMap cm = stored();
        Contract theirs = new Contract(5000, Cluster.contract(client).resources());
        cm.setData(Map.of(ContractJson.DATA_KEY, ContractJson.write(theirs)));
        client.resource(cm).update();

        Contract ours = writer.putBroker(broker("writer-c"));

        assertThat(ours.generation()).isEqualTo(5001);
        assertThat(Cluster.resource(Cluster.contract(client), "writer-b")).isPresent();
        assertThat(Cluster.resource(Cluster.contract(client), "writer-c")).isPresent();
        writer.removeBroker("writer-b");
        writer.removeBroker("writer-c");
    }

    @Test
    void theControllerIsReady() throws Exception {
        writer.putBroker(broker("writer-d"));
        writer.removeBroker("writer-d");
        await("ready")
                .atMost(WAIT)
                .until(() -> HttpClient.newHttpClient()
                                .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200);
    }
}
