package dev.kinetic.serving.controller.resources;

import static dev.kinetic.serving.controller.resources.DeploymentsTest.CHILD_LABELS;
import static dev.kinetic.serving.controller.resources.DeploymentsTest.expectedOwner;
import static dev.kinetic.serving.controller.resources.TestRevisions.NAME;
import static dev.kinetic.serving.controller.resources.TestRevisions.UID;
import static dev.kinetic.serving.controller.resources.TestRevisions.named;
import static dev.kinetic.serving.controller.resources.TestRevisions.revision;
import static dev.kinetic.serving.controller.resources.TestRevisions.withLabel;
import static dev.kinetic.serving.controller.resources.TestRevisions.withPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.names.ChildNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServicesTest {

    private static Map<String, String> labels(String type) {
        Map<String, String> labels = new TreeMap<>(CHILD_LABELS);
        labels.put("networking.internal.knative.dev/serviceType", type);
        labels.put("networking.internal.knative.dev/serverlessservice", NAME);
        return labels;
    }

    @Test
    void privateServiceOfAPlainRevision() {
        Service s = Services.makePrivateService(revision(withLabel(Knative.ROUTING_STATE_LABEL, "active")));

        assertThat(s.getMetadata().getName()).isEqualTo("hello-00001-private");
        assertThat(s.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(s.getMetadata().getLabels()).isEqualTo(labels("Private"));
        assertThat(s.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(s.getMetadata().getOwnerReferences()).containsExactly(expectedOwner(NAME));
        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getSelector()).isEqualTo(Map.of(Knative.REVISION_UID_LABEL, UID));
        assertThat(s.getSpec().getPorts())
                .containsExactly(
                        port("http", 80, 8012, null),
                        port("http-autometric", 9090, 9090, null),
                        port("http-usermetric", 9091, 9091, null),
                        port("http-queueadm", 8022, 8022, null));
    }

    @Test
    void privateServiceOfAnH2cRevision() {
        Service s = Services.makePrivateService(revision(withPort("h2c", 8080)));

        assertThat(s.getSpec().getPorts())
                .containsExactly(
                        port("http2", 81, 8013, "kubernetes.io/h2c"),
                        port("http-autometric", 9090, 9090, null),
                        port("http-usermetric", 9091, 9091, null),
                        port("http-queueadm", 8022, 8022, null));
    }

    @Test
    void thePrivateServiceSelectsTheDeploymentsPods() {
        Revision rev = revision();

        assertThat(Deployments.makeDeployment(rev, RevisionConfig.shipped())
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels())
                .containsAllEntriesOf(Services.makePrivateService(rev).getSpec().getSelector());
    }

    @Test
    void publicServiceOfAPlainRevision() {
        Service s = Services.makePublicService(revision());

        assertThat(s.getMetadata().getName()).isEqualTo("hello-00001");
        assertThat(s.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(s.getMetadata().getLabels()).isEqualTo(labels("Public"));
        assertThat(s.getMetadata().getOwnerReferences()).containsExactly(expectedOwner(NAME));
        assertThat(s.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(s.getSpec().getSelector()).isNullOrEmpty();
        assertThat(s.getSpec().getPorts())
                .containsExactly(port("http", 80, 8012, null), port("http2", 81, 8013, "kubernetes.io/h2c"));
    }

    @Test
    void publicServiceHasTheSameShapeForH2c() {
        assertThat(Services.makePublicService(revision(withPort("h2c", 8080))).getSpec())
                .isEqualTo(Services.makePublicService(revision()).getSpec());
    }

    @Test
    void longNames() {
        String name = "a-very-long-configuration-name-that-goes-on-and-on-and-on-00001";

        Service priv = Services.makePrivateService(named(name));
        Service pub = Services.makePublicService(named(name));

        assertThat(priv.getMetadata().getName())
                .isEqualTo(ChildNames.privateService(name))
                .hasSizeLessThanOrEqualTo(63)
                .endsWith("-private")
                .isNotEqualTo(name + "-private");
        assertThat(pub.getMetadata().getName()).isEqualTo(name);
        assertThat(priv.getMetadata().getLabels()).containsEntry(Services.SERVERLESS_SERVICE_LABEL, name);
    }

    private static ServicePort port(String name, int port, int target, String appProtocol) {
        return new ServicePortBuilder()
                .withName(name)
                .withProtocol("TCP")
                .withAppProtocol(appProtocol)
                .withPort(port)
                .withTargetPort(new IntOrString(target))
                .build();
    }
}
