package dev.kinetic.benchmarks.heap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.activator.discovery.EndpointSliceAddresses;
import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.benchmarks.FakeApiServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IdleRevisionsTest {
    static KubernetesServer server;
    static KubernetesClient client;

    @BeforeAll
    static void fill() throws Exception {
        server = FakeApiServer.start(0);
        client = server.getClient();
        EndpointSlice activators = IdleRevisions.createSystem(client);
        List<Integer> done = new ArrayList<>();
        IdleRevisions.create(client, activators, 3, 2, done::add);
        assertThat(done).containsExactly(1, 2, 3);
    }

    @AfterAll
    static void stop() {
        server.after();
    }

    @Test
    void theRevisionIsReadyAndInactive() {
        Revision rev = client.resources(Revision.class)
                .inNamespace(IdleRevisions.NAMESPACE)
                .withName("idle-00001-00001")
                .get();
        assertThat(rev.getStatus().condition("Ready"))
                .hasValueSatisfying(c -> assertThat(c.isTrue()).isTrue());
        assertThat(rev.getStatus().condition(RevisionStatus.ACTIVE))
                .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("False"));
        assertThat(rev.getStatus().getActualReplicas()).isZero();
        assertThat(rev.getMetadata().getLabels()).containsEntry(Knative.SERVICE_LABEL, "idle-00001");
    }

    @Test
    void theDeploymentIsAtZeroAndControlledByItsRevision() {
        Revision rev = client.resources(Revision.class)
                .inNamespace(IdleRevisions.NAMESPACE)
                .withName("idle-00002-00001")
                .get();
        Deployment d = client.apps()
                .deployments()
                .inNamespace(IdleRevisions.NAMESPACE)
                .withName("idle-00002-00001-deployment")
                .get();
        assertThat(d.getSpec().getReplicas()).isZero();
        assertThat(d.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Revision");
            assertThat(o.getController()).isTrue();
            assertThat(o.getUid()).isEqualTo(rev.getMetadata().getUid());
        });
        assertThat(d.getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName())
                .containsExactly("user-container", "queue-proxy");
    }

    @Test
    void theAutoscalerHasWrittenEverythingButThePodAutoscalersObservedGeneration() {
        PodAutoscaler pa = client.resources(PodAutoscaler.class)
                .inNamespace(IdleRevisions.NAMESPACE)
                .withName("idle-00000-00001")
                .get();
        assertThat(pa.getMetadata().getAnnotations()).containsEntry(Knative.CLASS_ANNOTATION, Knative.KPA_CLASS);
        assertThat(pa.getSpec().getReachability()).isEqualTo(PodAutoscalerSpec.REACHABLE);
        assertThat(pa.getSpec().getScaleTargetRef().getName()).isEqualTo("idle-00000-00001-deployment");
        assertThat(pa.getStatus().isInactive()).isTrue();
        assertThat(pa.getStatus().getObservedGeneration()).isNull();

        ServerlessService sks = client.resources(ServerlessService.class)
                .inNamespace(IdleRevisions.NAMESPACE)
                .withName("idle-00000-00001")
                .get();
        assertThat(sks.getSpec().getMode()).isEqualTo(ServerlessServiceSpec.MODE_PROXY);
        assertThat(sks.getSpec().getNumActivators()).isPositive();
        assertThat(sks.getStatus().getObservedGeneration())
                .isEqualTo(sks.getMetadata().getGeneration());
    }

    @Test
    void thePrivateSliceHasNoPodAndThePublicOneTheActivator() {
        List<EndpointSlice> slices = client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(IdleRevisions.NAMESPACE)
                .withLabel(EndpointSliceAddresses.SERVICE_NAME_LABEL, "idle-00000-00001-private")
                .list()
                .getItems();
        assertThat(slices).singleElement().satisfies(s -> {
            assertThat(EndpointSliceAddresses.revisionOf(s))
                    .contains(new RevisionKey(IdleRevisions.NAMESPACE, "idle-00000-00001"));
            assertThat(EndpointSliceAddresses.readyAddresses(s)).isEmpty();
        });
        EndpointSlice pub = client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(IdleRevisions.NAMESPACE)
                .withName("idle-00000-00001")
                .get();
        assertThat(pub.getEndpoints()).singleElement().satisfies(e -> assertThat(e.getAddresses())
                .containsExactly("127.0.0.1"));
    }

    @Test
    void sixObjectsPerRevision() {
        assertThat(client.resources(Revision.class)
                        .inNamespace(IdleRevisions.NAMESPACE)
                        .list()
                        .getItems())
                .hasSize(3);
        assertThat(client.discovery()
                        .v1()
                        .endpointSlices()
                        .inNamespace(IdleRevisions.NAMESPACE)
                        .list()
                        .getItems())
                .hasSize(6);
    }
}
