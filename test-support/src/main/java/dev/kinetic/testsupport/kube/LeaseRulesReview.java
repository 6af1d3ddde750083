package dev.kinetic.testsupport.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * An answer to the {@code SelfSubjectRulesReview} the Java Operator SDK sends before it takes part in leader
 * election: the test server does no authorization and would reject the review. The answer grants what the charts'
 * RBAC grants on Leases.
 */
public final class LeaseRulesReview {
    private LeaseRulesReview() {}

    static final String RULES_REVIEW = """
            {"apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectRulesReview",
             "spec": {"namespace": "kinetic-system"},
             "status": {"incomplete": false, "nonResourceRules": [],
                        "resourceRules": [{"apiGroups": ["coordination.k8s.io"], "resources": ["leases"],
                                           "verbs": ["get", "list", "watch", "create", "update", "patch"]}]}}
            """;

    /** Makes {@code server} answer every rules review with the Lease grant. */
    public static void answer(KubernetesMockServer server) {
        server.expect()
                .post()
                .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, RULES_REVIEW)
                .always();
    }
}
