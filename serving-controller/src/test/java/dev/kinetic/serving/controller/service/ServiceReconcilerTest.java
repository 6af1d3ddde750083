package dev.kinetic.serving.controller.service;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.ServiceStatus;
import dev.kinetic.serving.controller.testing.ControllerTestServer;
import dev.kinetic.serving.controller.testing.FakeKubelet;
import dev.kinetic.serving.controller.testing.TestCluster;
import dev.kinetic.testsupport.fixtures.Options;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Service and Configuration reconcilers against the Kubernetes test server with our CRDs: the conformance
 * scenarios that need no pods (names, labels, owner references, new revision per template change, status mirroring).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = ControllerTestServer.class)
class ServiceReconcilerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    KubernetesClient client;

    private TestCluster cluster() {
        return new TestCluster(client);
    }

    @KubernetesTestServer
    KubernetesServer server;

    private <T extends HasMetadata> T admitted(T resource) {
        return TestCluster.admitted(resource);
    }

    private <T extends HasMetadata> T awaitObject(Class<T> type, String ns, String name) {
        return new TestCluster(client).awaitObject(type, ns, name);
    }

    private static void assertControlledBy(HasMetadata child, HasMetadata owner) {
        assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies((OwnerReference ref) -> {
            assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
            assertThat(ref.getKind()).isEqualTo(owner.getKind());
            assertThat(ref.getController()).isTrue();
            assertThat(ref.getBlockOwnerDeletion()).isTrue();
        });
    }

    @Test
    void serviceCreatesConfigurationRouteAndFirstRevision() {
        String ns = "create";
        Service svc = client.resource(admitted(service(
                        ns,
                        "hello",
                        Options.withLabel("team", "web"),
                        Options.withAnnotation("note", "kept"),
                        withTemplateLabel("release", "one"),
                        withTemplateAnnotation(Knative.MIN_SCALE_ANNOTATION, "1"))))
                .create();

        Configuration cfg = awaitObject(Configuration.class, ns, "hello");
        assertControlledBy(cfg, svc);
        assertThat(cfg.getMetadata().getLabels())
                .containsEntry(Knative.SERVICE_LABEL, "hello")
                .containsEntry("team", "web");
        assertThat(cfg.getMetadata().getAnnotations()).containsEntry("note", "kept");
        assertThat(cfg.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo(DEFAULT_IMAGE);

        Route route = awaitObject(Route.class, ns, "hello");
        assertControlledBy(route, svc);
        assertThat(route.getSpec().getTraffic()).singleElement().satisfies(t -> {
            assertThat(t.getConfigurationName()).isEqualTo("hello");
            assertThat(t.getLatestRevision()).isTrue();
            assertThat(t.getPercent()).isEqualTo(100);
        });

        Revision rev = awaitObject(Revision.class, ns, "hello-00001");
        assertControlledBy(rev, cfg);
        assertThat(rev.getMetadata().getLabels())
                .containsEntry(Knative.CONFIGURATION_LABEL, "hello")
                .containsEntry(Knative.CONFIGURATION_GENERATION_LABEL, "1")
                .containsEntry(
                        Knative.CONFIGURATION_UID_LABEL, cfg.getMetadata().getUid())
                .containsEntry(Knative.SERVICE_LABEL, "hello")
                .containsEntry(Knative.SERVICE_UID_LABEL, svc.getMetadata().getUid())
                .containsEntry(Knative.ROUTING_STATE_LABEL, "pending")
                .containsEntry("release", "one");
        assertThat(rev.getMetadata().getAnnotations())
                .containsEntry(Knative.MIN_SCALE_ANNOTATION, "1")
                .containsKey(Knative.ROUTING_STATE_MODIFIED_ANNOTATION);

        Configuration withStatus = cluster()
                .awaitUntil(
                        Configuration.class,
                        ns,
                        "hello",
                        c -> c.getStatus() != null
                                && "hello-00001".equals(c.getStatus().getLatestCreatedRevisionName()));
        assertThat(withStatus
                        .getStatus()
                        .condition(ConditionSet.READY)
                        .orElseThrow()
                        .isUnknown())
                .isTrue();
        Service svcStatus = cluster()
                .awaitUntil(
                        Service.class,
                        ns,
                        "hello",
                        s -> s.getStatus() != null
                                && "hello-00001".equals(s.getStatus().getLatestCreatedRevisionName()));
        assertThat(svcStatus.getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void imageUpdateCreatesTheNextRevisionAndReadinessPropagates() {
        String ns = "update";
        client.resource(admitted(service(ns, "hello"))).create();
        Revision first = awaitObject(Revision.class, ns, "hello-00001");
        markRevisionReady(first);

        Service ready = cluster()
                .awaitUntil(
                        Service.class,
                        ns,
                        "hello",
                        s -> s.getStatus() != null
                                && "hello-00001".equals(s.getStatus().getLatestReadyRevisionName()));
        assertThat(ready.getStatus()
                        .condition(ServiceStatus.CONFIGURATIONS_READY)
                        .orElseThrow()
                        .isTrue())
                .isTrue();

        Service current = client.resources(Service.class)
                .inNamespace(ns)
                .withName("hello")
                .get();
        withImage("example/app:2").accept(current);
        current.setStatus(null);
        client.resource(current).update();

        Revision second = awaitObject(Revision.class, ns, "hello-00002");
        assertThat(second.getSpec().getContainers().get(0).getImage()).isEqualTo("example/app:2");
        assertThat(second.getMetadata().getLabels()).containsEntry(Knative.CONFIGURATION_GENERATION_LABEL, "2");
        Configuration cfg = cluster()
                .awaitUntil(
                        Configuration.class,
                        ns,
                        "hello",
                        c -> c.getStatus() != null
                                && "hello-00002".equals(c.getStatus().getLatestCreatedRevisionName()));
        // The new revision is not ready yet: latestReady stays on the first and Ready is Unknown.
        assertThat(cfg.getStatus().getLatestReadyRevisionName()).isEqualTo("hello-00001");
        assertThat(cfg.getStatus().condition(ConditionSet.READY).orElseThrow().isUnknown())
                .isTrue();

        markRevisionReady(second);
        cluster()
                .awaitUntil(
                        Configuration.class,
                        ns,
                        "hello",
                        c -> "hello-00002".equals(c.getStatus().getLatestReadyRevisionName())
                                && c.getStatus()
                                        .condition(ConditionSet.READY)
                                        .orElseThrow()
                                        .isTrue());
    }

    @Test
    void metadataOnlyTemplateChangeCreatesANewRevision() {
        String ns = "metadata";
        client.resource(admitted(service(ns, "hello"))).create();
        awaitObject(Revision.class, ns, "hello-00001");
        Service current = client.resources(Service.class)
                .inNamespace(ns)
                .withName("hello")
                .get();
        ServingFixtures.<Service>withTemplateLabel("color", "blue").accept(current);
        current.setStatus(null);
        client.resource(current).update();
        Revision second = awaitObject(Revision.class, ns, "hello-00002");
        assertThat(second.getMetadata().getLabels()).containsEntry("color", "blue");
    }

    @Test
    void failingRevisionFailsTheConfiguration() {
        String ns = "failing";
        client.resource(admitted(service(ns, "hello", withImage("example/missing:nope"))))
                .create();
        awaitObject(Revision.class, ns, "hello-00001");
        new FakeKubelet(client)
                .waitingPod(
                        ns,
                        "hello-00001",
                        "user-container",
                        "ImagePullBackOff",
                        "Back-off pulling image \"example/missing:nope\"");

        Configuration cfg = cluster()
                .awaitUntil(
                        Configuration.class,
                        ns,
                        "hello",
                        c -> c.getStatus() != null
                                && c.getStatus()
                                        .condition(ConditionSet.READY)
                                        .map(r -> r.isFalse())
                                        .orElse(false));
        assertThat(cfg.getStatus().condition(ConditionSet.READY).orElseThrow().getReason())
                .isEqualTo("RevisionFailed");
        assertThat(cfg.getStatus().condition(ConditionSet.READY).orElseThrow().getMessage())
                .isEqualTo("Revision \"hello-00001\" failed with message: Back-off pulling image"
                        + " \"example/missing:nope\".");
        cluster()
                .awaitUntil(
                        Service.class,
                        ns,
                        "hello",
                        s -> s.getStatus() != null
                                && s.getStatus()
                                        .condition(ServiceStatus.CONFIGURATIONS_READY)
                                        .map(c -> c.isFalse())
                                        .orElse(false));
    }

    @Test
    void aConflictOnAStatusWriteIsRetriedNotLost() {
        String ns = "conflict";
        // The API server answers the first two status writes of this Configuration with 409, as a real one does
        // when the object changed since it was read (the CRUD test server does not detect stale status writes).
        server.expect()
                .put()
                .withPath("/apis/serving.knative.dev/v1/namespaces/" + ns + "/configurations/hello/status")
                .andReturn(
                        409,
                        new io.fabric8.kubernetes.api.model.StatusBuilder()
                                .withCode(409)
                                .withReason("Conflict")
                                .withMessage(
                                        "the object has been modified; please apply your changes to the latest version")
                                .build())
                .times(2);
        client.resource(admitted(service(ns, "hello"))).create();
        Revision rev = awaitObject(Revision.class, ns, "hello-00001");
        markRevisionReady(rev);
        Configuration cfg = cluster()
                .awaitUntil(
                        Configuration.class,
                        ns,
                        "hello",
                        c -> c.getStatus() != null
                                && "hello-00001".equals(c.getStatus().getLatestReadyRevisionName()));
        assertThat(cfg.getStatus().condition(ConditionSet.READY).orElseThrow().isTrue())
                .isTrue();
        assertThat(cfg.getStatus().getObservedGeneration()).isEqualTo(1L);
    }

    @Test
    void generateNameServicesGetChildrenNamedAfterTheGeneratedName() {
        String ns = "generated";
        Service svc = service(ns, "unused");
        svc.getMetadata().setName(null);
        svc.getMetadata().setGenerateName("hello-");
        Service created = client.resource(admitted(svc)).create();
        String name = created.getMetadata().getName();
        assertThat(name).startsWith("hello-");

        Configuration cfg = awaitObject(Configuration.class, ns, name);
        assertControlledBy(cfg, created);
        assertControlledBy(awaitObject(Route.class, ns, name), created);
        assertControlledBy(awaitObject(Revision.class, ns, name + "-00001"), cfg);
    }

    @Test
    void aConfigurationItDoesNotOwnIsReported() {
        String ns = "notowned";
        client.resource(admitted(configuration(ns, "taken"))).create();
        client.resource(admitted(service(ns, "taken"))).create();
        Service svc = cluster()
                .awaitUntil(
                        Service.class,
                        ns,
                        "taken",
                        s -> s.getStatus() != null
                                && s.getStatus()
                                        .condition(ServiceStatus.CONFIGURATIONS_READY)
                                        .map(c -> c.isFalse())
                                        .orElse(false));
        assertThat(svc.getStatus()
                        .condition(ServiceStatus.CONFIGURATIONS_READY)
                        .orElseThrow()
                        .getReason())
                .isEqualTo("NotOwned");
    }

    private void markRevisionReady(Revision rev) {
        new TestCluster(client)
                .revisionBecomesReady(
                        rev.getMetadata().getNamespace(), rev.getMetadata().getName());
    }
}
