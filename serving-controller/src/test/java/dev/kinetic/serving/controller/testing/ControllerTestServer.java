package dev.kinetic.serving.controller.testing;

import dev.kinetic.testsupport.kube.ApplyKineticCrds;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.util.function.Consumer;

/**
 * The Kubernetes test server as the serving controller's tests need it: our CRDs applied, and an answer to the
 * {@code SelfSubjectRulesReview} the operator SDK sends before it takes part in leader election (the test server
 * does no authorization and would reject the review). The answer grants what the chart's RBAC grants on Leases.
 */
public class ControllerTestServer implements Consumer<KubernetesServer> {
    private static final String RULES_REVIEW = """
            {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
             "spec": {"namespace": "kinetic-system"},
             "status": {"incomplete": false, "nonResourceRules": [],
                        "resourceRules": [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"],
                                           "verbs": ["get", "list", "watch", "create", "update", "patch"]}]}}
            """;

    @Override
    public void accept(KubernetesServer server) {
        new ApplyKineticCrds().accept(server);
        server.expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, RULES_REVIEW)
                .always();
    }
}
