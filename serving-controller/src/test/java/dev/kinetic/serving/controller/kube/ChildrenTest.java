package dev.kinetic.serving.controller.kube;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The create-or-update step every reconciler uses, against the Kubernetes test server: a stale read never
 * overwrites newer state (the write conflicts and the reconcile is retried), an unowned object is reported, an
 * unchanged child is not written.
 */
@WithKineticApi
class ChildrenTest {
    private static final String NS = "children";

    private static Service owner(KubernetesClient client, String name) {
        return client.resource(service(NS, name)).create();
    }

    private static Configuration desired(Service owner, String image) {
        Configuration c = configuration(NS, owner.getMetadata().getName(), withImage(image));
        c.getMetadata().setOwnerReferences(List.of(Owners.controllerRef(owner)));
        return c;
    }

    private static void replaceSpec(Configuration d, Configuration t) {
        Children.replaceLabelsAnnotations(d, t);
        t.setSpec(d.getSpec());
    }

    @Test
    void aStaleReadConflictsInsteadOfOverwriting(KubernetesClient client) throws Exception {
        Service svc = owner(client, "stale");
        Configuration created =
                Children.reconcile(client, desired(svc, "example/a:1"), null, svc, ChildrenTest::replaceSpec);
        Configuration stale = client.resource(created).get();

        // Someone else writes in between: our copy is now stale.
        Configuration newer = client.resource(created).get();
        newer.getMetadata().setLabels(Map.of("touched", "yes"));
        client.resource(newer).update();

        assertThatThrownBy(() ->
                        Children.reconcile(client, desired(svc, "example/a:2"), stale, svc, ChildrenTest::replaceSpec))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(409));

        // The retry reads fresh state and lands.
        Configuration fresh = client.resource(created).get();
        Configuration updated =
                Children.reconcile(client, desired(svc, "example/a:2"), fresh, svc, ChildrenTest::replaceSpec);
        assertThat(updated.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("example/a:2");
    }

    @Test
    void anUnchangedChildIsNotWritten(KubernetesClient client) throws Exception {
        Service svc = owner(client, "same");
        Configuration created =
                Children.reconcile(client, desired(svc, "example/a:1"), null, svc, ChildrenTest::replaceSpec);
        Configuration again =
                Children.reconcile(client, desired(svc, "example/a:1"), created, svc, ChildrenTest::replaceSpec);
        assertThat(again.getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void aChildCreatedBehindTheCacheIsFoundNotDuplicated(KubernetesClient client) throws Exception {
        Service svc = owner(client, "race");
        Children.reconcile(client, desired(svc, "example/a:1"), null, svc, ChildrenTest::replaceSpec);
        // The cache has not seen it yet (null): create conflicts, the step reads and updates instead.
        Configuration updated =
                Children.reconcile(client, desired(svc, "example/a:2"), null, svc, ChildrenTest::replaceSpec);
        assertThat(updated.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("example/a:2");
    }

    @Test
    void anObjectOwnedBySomeoneElseIsReported(KubernetesClient client) {
        Service svc = owner(client, "taken");
        client.resource(configuration(NS, "taken")).create();
        assertThatThrownBy(() ->
                        Children.reconcile(client, desired(svc, "example/a:1"), null, svc, ChildrenTest::replaceSpec))
                .isInstanceOfSatisfying(Children.NotOwnedException.class, e -> {
                    assertThat(e.kind()).isEqualTo("Configuration");
                    assertThat(e.getMessage())
                            .isEqualTo("There is an existing Configuration \"taken\" that we do not own.");
                });
    }
}
