package dev.kinetic.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@WithKineticApi
class KubernetesServerExtensionTest {

    private static KubernetesServer fromBeforeAll;

    private final KubernetesClient fromConstructor;

    KubernetesServerExtensionTest(KubernetesClient client) {
        this.fromConstructor = client;
    }

    @BeforeAll
    static void rememberServer(KubernetesServer server) {
        fromBeforeAll = server;
    }

    @Test
    void oneServerPerClassIsInjectedAsEveryType(
            KubernetesClient client,
            NamespacedKubernetesClient namespaced,
            KubernetesServer server,
            KubernetesMockServer mockServer) {
        assertThat(server).isSameAs(fromBeforeAll);
        assertThat(client).isSameAs(fromConstructor).isSameAs(namespaced).isSameAs(server.getClient());
        assertThat(mockServer).isSameAs(server.getKubernetesMockServer());
        assertThat(client.getMasterUrl().getHost()).isIn("127.0.0.1", "localhost");
        assertThat(client.getNamespace()).isEqualTo("test");
    }

    @Test
    void kineticCrdsAreApplied(KubernetesClient client) {
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(KineticCrds.load().names());
    }

    static Iterable<CustomResourceDefinition> kineticCrds() {
        return KineticCrds.load().definitions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kineticCrds")
    void everyKineticKindCanBeStoredAndHasItsStatusSubresource(CustomResourceDefinition crd, KubernetesClient client) {
        CustomResourceDefinitionVersion storage = crd.getSpec().getVersions().stream()
                .filter(CustomResourceDefinitionVersion::getStorage)
                .findFirst()
                .orElseThrow();
        boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(crd.getSpec().getGroup())
                .withVersion(storage.getName())
                .withKind(crd.getSpec().getNames().getKind())
                .withPlural(crd.getSpec().getNames().getPlural())
                .withNamespaced(namespaced)
                .build();
        GenericKubernetesResource object = new GenericKubernetesResourceBuilder()
                .withApiVersion(crd.getSpec().getGroup() + "/" + storage.getName())
                .withKind(crd.getSpec().getNames().getKind())
                .withNewMetadata()
                .withName("sample")
                .withNamespace(namespaced ? "kinds" : null)
                .endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of(), "status", Map.of("observedGeneration", 1)))
                .build();

        var resources = namespaced
                ? client.genericKubernetesResources(context).inNamespace("kinds")
                : client.genericKubernetesResources(context);
        GenericKubernetesResource created = resources.resource(object).create();

        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        boolean hasStatusSubresource =
                storage.getSubresources() != null && storage.getSubresources().getStatus() != null;
        assertThat(created.getAdditionalProperties().containsKey("status"))
                .as("status kept on create")
                .isEqualTo(!hasStatusSubresource);
        assertThat(resources.withName("sample").get()).isEqualTo(created);
    }

    @Test
    void builtInKindsWorkToo(KubernetesClient client) {
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("config-defaults")
                .endMetadata()
                .addToData("revision-timeout-seconds", "300")
                .build();

        client.configMaps().resource(configMap).create();

        assertThat(client.configMaps().withName("config-defaults").get().getData())
                .containsEntry("revision-timeout-seconds", "300");
    }

    @Nested
    class NestedClasses {

        @Test
        void shareTheEnclosingClassServer(KubernetesServer server) {
            assertThat(server).isSameAs(fromBeforeAll);
        }
    }
}
