package dev.kinetic.testsupport.kube;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;

/** A core Service and a Knative Service of one name live side by side, as on a real API server. */
@WithKineticApi
class GroupAwareAttributesTest {

    @Test
    void sameNameInTwoGroupsAreTwoObjects(KubernetesClient client) {
        client.resource(service("same", "hello")).create();
        client.resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("hello")
                        .withNamespace("same")
                        .endMetadata()
                        .withNewSpec()
                        .withType("ExternalName")
                        .withExternalName("gateway.example.com")
                        .endSpec()
                        .build())
                .create();

        Service core = client.services().inNamespace("same").withName("hello").get();
        assertThat(core.getApiVersion()).isEqualTo("v1");
        assertThat(core.getSpec().getType()).isEqualTo("ExternalName");
        var ksvc = client.resources(dev.kinetic.api.serving.v1.Service.class)
                .inNamespace("same")
                .withName("hello")
                .get();
        assertThat(ksvc.getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(client.services().inNamespace("same").list().getItems()).hasSize(1);
        assertThat(client.resources(dev.kinetic.api.serving.v1.Service.class)
                        .inNamespace("same")
                        .list()
                        .getItems())
                .hasSize(1);

        client.services().inNamespace("same").withName("hello").delete();
        assertThat(client.resources(dev.kinetic.api.serving.v1.Service.class)
                        .inNamespace("same")
                        .withName("hello")
                        .get())
                .isNotNull();
    }
}
