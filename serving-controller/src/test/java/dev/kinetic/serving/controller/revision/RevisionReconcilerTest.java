package dev.kinetic.serving.controller.revision;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Knative;
import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.serving.controller.testing.ControllerTestServer;
import dev.kinetic.serving.controller.testing.FakeKubelet;
import dev.kinetic.serving.controller.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The Revision reconciler against the Kubernetes test server: the children Knative creates for a Revision, with
 * their exact names and owners, and the Revision's status as its Deployment and Pods report progress or failure.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ControllerTestServer.class)
class RevisionReconcilerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    private TestCluster cluster() {
        return new TestCluster(client);
    }

    private Revision createRevision(String ns, String name) {
        Revision rev = revision(ns, name, withConfigurationLabels("hello", 1));
        Admission.setDefaultsAny(KineticKinds.of(Revision.class), rev, ApiConfig.defaults());
        return client.resource(rev).create();
    }

    private <T extends HasMetadata> T awaitObject(Class<T> type, String ns, String name) {
        return new TestCluster(client).awaitObject(type, ns, name);
    }

    private Revision awaitRevision(String ns, String name, Predicate<RevisionStatus> condition) {
        return cluster()
                .awaitUntil(Revision.class, ns, name, r -> r.getStatus() != null && condition.test(r.getStatus()));
    }

    private static void assertOwnedBy(HasMetadata child, Revision rev) {
        assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("Revision");
            assertThat(ref.getUid()).isEqualTo(rev.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
    }

    private static String ready(RevisionStatus s) {
        return s.condition(ConditionSet.READY).map(Condition::getStatus).orElse(null);
    }

    @Test
    void createsEveryChildWithKnativesNames() {
        String ns = "children";
        Revision rev = createRevision(ns, "hello-00001");

        Deployment deployment = awaitObject(Deployment.class, ns, "hello-00001-deployment");
        assertOwnedBy(deployment, rev);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers())
                .extracting(c -> c.getName())
                .containsExactly("user-container", "queue-proxy");
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry(Knative.REVISION_UID_LABEL, rev.getMetadata().getUid());
        assertOwnedBy(awaitObject(Service.class, ns, "hello-00001-private"), rev);
        Service publicService = awaitObject(Service.class, ns, "hello-00001");
        assertOwnedBy(publicService, rev);
        assertThat(publicService.getSpec().getSelector()).isNullOrEmpty();
        assertOwnedBy(awaitObject(PodAutoscaler.class, ns, "hello-00001"), rev);
        ServerlessService sks = awaitObject(ServerlessService.class, ns, "hello-00001");
        assertOwnedBy(sks, rev);
        assertThat(sks.getSpec().getMode()).isEqualTo("Proxy");

        Revision deploying = awaitRevision(ns, "hello-00001", s -> "Unknown".equals(ready(s)));
        assertThat(deploying
                        .getStatus()
                        .condition(RevisionStatus.RESOURCES_AVAILABLE)
                        .orElseThrow()
                        .getReason())
                .isEqualTo("Deploying");
        assertThat(deploying.getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void becomesReadyWhenTheDeploymentIsAvailable() {
        String ns = "ready";
        createRevision(ns, "hello-00001");
        awaitObject(Deployment.class, ns, "hello-00001-deployment");
        new FakeKubelet(client).markAvailable(ns, "hello-00001");
        Revision rev = awaitRevision(ns, "hello-00001", s -> "True".equals(ready(s)));
        assertThat(rev.getStatus().getActualReplicas()).isEqualTo(1);
        assertThat(rev.getStatus().getDesiredReplicas()).isEqualTo(1);
        assertThat(rev.isReady()).isTrue();
    }

    @Test
    void crashingContainerReportsItsExitCode() {
        String ns = "crash";
        createRevision(ns, "hello-00001");
        awaitObject(Deployment.class, ns, "hello-00001-deployment");
        new FakeKubelet(client).crashedPod(ns, "hello-00001", "user-container", 2, "panic: cannot listen on :8080");
        Revision rev = awaitRevision(ns, "hello-00001", s -> "False".equals(ready(s)));
        Condition healthy =
                rev.getStatus().condition(RevisionStatus.CONTAINER_HEALTHY).orElseThrow();
        assertThat(healthy.getReason()).isEqualTo("ExitCode2");
        assertThat(healthy.getMessage()).isEqualTo("Container failed with: panic: cannot listen on :8080");
    }

    @Test
    void imagePullFailureIsCopiedFromThePod() {
        String ns = "pull";
        createRevision(ns, "hello-00001");
        awaitObject(Deployment.class, ns, "hello-00001-deployment");
        new FakeKubelet(client).waitingPod(ns, "hello-00001", "user-container", "ErrImagePull", "manifest unknown");
        Revision rev = awaitRevision(ns, "hello-00001", s -> "False".equals(ready(s)));
        Condition ready = rev.getStatus().condition(ConditionSet.READY).orElseThrow();
        assertThat(ready.getReason()).isEqualTo("ErrImagePull");
        assertThat(ready.getMessage()).isEqualTo("manifest unknown");
    }

    @Test
    void progressDeadlineExceeded() {
        String ns = "deadline";
        createRevision(ns, "hello-00001");
        awaitObject(Deployment.class, ns, "hello-00001-deployment");
        new FakeKubelet(client).markProgressDeadlineExceeded(ns, "hello-00001");
        Revision rev = awaitRevision(ns, "hello-00001", s -> "False".equals(ready(s)));
        assertThat(rev.getStatus()
                        .condition(RevisionStatus.RESOURCES_AVAILABLE)
                        .orElseThrow()
                        .getReason())
                .isEqualTo("ProgressDeadlineExceeded");
    }

    @Test
    void theAutoscalersReplicaCountIsKept() {
        String ns = "replicas";
        createRevision(ns, "hello-00001");
        Deployment d = awaitObject(Deployment.class, ns, "hello-00001-deployment");
        d.getSpec().setReplicas(5);
        client.resource(d).update();
        // Any later reconcile (a status change triggers one) must not reset the replicas.
        new FakeKubelet(client).markAvailable(ns, "hello-00001");
        awaitRevision(ns, "hello-00001", s -> "True".equals(ready(s)));
        assertThat(client.apps()
                        .deployments()
                        .inNamespace(ns)
                        .withName("hello-00001-deployment")
                        .get()
                        .getSpec()
                        .getReplicas())
                .isEqualTo(5);
    }
}
