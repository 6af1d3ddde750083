package dev.kinetic.serving.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.serving.controller.testing.ControllerTestServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user-facing ConfigMaps reach the reconcilers; a bad one keeps the last good config and says why. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ControllerTestServer.class)
class ConfigWatcherTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NS = "kinetic-system";

    @Inject
    KubernetesClient client;

    @Inject
    ConfigSnapshot snapshot;

    private ConfigMap configMap(String name, Map<String, String> data) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NS)
                .endMetadata()
                .withData(data)
                .build();
    }

    @Test
    void aValidConfigMapIsAppliedAndItsDeletionRestoresDefaults() {
        client.resource(configMap("config-domain", Map.of("example.org", ""))).create();
        await().atMost(WAIT)
                .until(() -> snapshot.route().domain().domainFor(Map.of(), "cluster.local"), "example.org"::equals);

        client.resource(configMap("config-domain", Map.of())).delete();
        await().atMost(WAIT)
                .until(
                        () -> snapshot.route().domain().domainFor(Map.of(), "cluster.local"),
                        "svc.cluster.local"::equals);
    }

    @Test
    void servingDefaultsReachAdmissionAndTheRevisionBuilders() {
        client.resource(configMap("config-defaults", Map.of("revision-timeout-seconds", "120")))
                .create();
        try {
            await().atMost(WAIT).until(() -> snapshot.api().serving().defaults().revisionTimeoutSeconds() == 120);
            assertThat(snapshot.revision().defaults().revisionTimeoutSeconds()).isEqualTo(120);
        } finally {
            client.resource(configMap("config-defaults", Map.of())).delete();
            await().atMost(WAIT).until(() -> snapshot.api().serving().defaults().revisionTimeoutSeconds() == 300);
        }
    }

    @Test
    void aBadConfigMapKeepsTheLastGoodConfigAndRecordsAWarning() {
        client.resource(configMap("config-gc", Map.of("min-non-active-revisions", "7")))
                .create();
        await().atMost(WAIT).until(() -> snapshot.gc().minNonActiveRevisions() == 7);

        client.resource(configMap("config-gc", Map.of("min-non-active-revisions", "seven")))
                .update();
        List<Event> warnings = await().atMost(WAIT)
                .until(
                        () -> client.v1().events().inNamespace(NS).list().getItems().stream()
                                .filter(e ->
                                        "config-gc".equals(e.getInvolvedObject().getName()))
                                .toList(),
                        l -> !l.isEmpty());
        assertThat(warnings.get(0).getType()).isEqualTo("Warning");
        assertThat(warnings.get(0).getReason()).isEqualTo(ConfigWatcher.INVALID_CONFIG_REASON);
        assertThat(warnings.get(0).getMessage()).contains("min-non-active-revisions");
        assertThat(snapshot.gc().minNonActiveRevisions()).isEqualTo(7);

        client.resource(configMap("config-gc", Map.of())).delete();
    }

    @Test
    void theControllerHoldsTheLeaderLease() {
        Lease lease = await().atMost(WAIT)
                .until(
                        () -> client.leases()
                                .inNamespace(NS)
                                .withName("kinetic-serving-controller")
                                .get(),
                        l -> l != null && l.getSpec().getHolderIdentity() != null);
        assertThat(lease.getSpec().getHolderIdentity()).isNotBlank();
    }
}
