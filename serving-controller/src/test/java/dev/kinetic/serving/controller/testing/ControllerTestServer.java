package dev.kinetic.serving.controller.testing;

import dev.kinetic.testsupport.kube.ApplyKineticCrds;
import dev.kinetic.testsupport.kube.LeaseRulesReview;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * The Kubernetes test server as the serving controller's tests need it: our CRDs applied, and an answer to the
 * operator SDK's {@code SelfSubjectRulesReview} ({@link LeaseRulesReview}).
 */
public class ControllerTestServer implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
        new ApplyKineticCrds().accept(server);
        LeaseRulesReview.answer(server.getKubernetesMockServer());
    }
}
