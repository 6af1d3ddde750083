package dev.kinetic.testsupport.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.testsupport.kafka.KafkaTestResource;
import dev.kinetic.testsupport.kube.ApplyKineticCrds;
import dev.kinetic.testsupport.kube.KineticCrds;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The two Quarkus test resources of this module, used the way the services' tests use them: inside a real
 * {@code @QuarkusTest}, with Quarkus' class loading.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ApplyKineticCrds.class)
@WithTestResource(
        value = KafkaTestResource.class,
        initArgs = @ResourceArg(name = KafkaTestResource.TOPICS, value = "quarkus-test:2"))
class QuarkusTestResourcesTest {

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void kineticCrdsAreAppliedBeforeTheApplicationStarts() {
        assertThat(server.getClient()
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(KineticCrds.load().names());
    }

    @Test
    void theApplicationIsPointedAtTheInProcessBroker() throws Exception {
        Config config = ConfigProvider.getConfig();
        String servers = config.getValue("kafka.bootstrap.servers", String.class);

        assertThat(config.getValue("mp.messaging.connector.smallrye-kafka.bootstrap.servers", String.class))
                .isEqualTo(servers);
        assertThat(config.getValue("quarkus.kafka.devservices.enabled", Boolean.class))
                .isFalse();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers))) {
            assertThat(admin.listTopics().names().get()).containsAll(List.of("quarkus-test"));
        }
    }
}
