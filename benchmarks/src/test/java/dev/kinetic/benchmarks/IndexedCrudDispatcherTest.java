package dev.kinetic.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The index must not change what the CRUD server answers: conflicts, updates, deletes, same names elsewhere. */
class IndexedCrudDispatcherTest {
    KubernetesServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = FakeApiServer.start(0);
        client = server.getClient();
    }

    @AfterEach
    void stop() {
        server.after();
    }

    static ConfigMap map(String namespace, String value) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config")
                .withNamespace(namespace)
                .endMetadata()
                .addToData("k", value)
                .build();
    }

    @Test
    void createConflictUpdateDelete() {
        ConfigMap created = client.resource(map("a", "1")).create();
        assertThatThrownBy(() -> client.resource(map("a", "2")).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(409));
        // The same name in another namespace is another object.
        client.resource(map("b", "3")).create();

        created.getData().put("k", "4");
        client.resource(created).update();
        assertThat(client.configMaps().inNamespace("a").withName("config").get().getData())
                .containsEntry("k", "4");
        assertThat(client.configMaps().inNamespace("b").withName("config").get().getData())
                .containsEntry("k", "3");

        client.configMaps().inNamespace("a").withName("config").delete();
        assertThat(client.configMaps().inNamespace("a").withName("config").get())
                .isNull();
        client.resource(map("a", "5")).create();
        assertThat(client.configMaps().inAnyNamespace().list().getItems()).hasSize(2);
    }

    @Test
    void anUpdateOfWhatIsNotThereIsNotFound() {
        ConfigMap missing = map("a", "1");
        missing.getMetadata().setResourceVersion("7");
        assertThatThrownBy(() -> client.resource(missing).update())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(404));
    }
}
