package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;

/**
 * What the kubelet's builders need to know of one of its pods: enough to list it in EndpointSlices and count it in
 * its Deployment's status.
 *
 * @param templateHash the {@code pod-template-hash} of the template it was made from
 * @param ready whether every container is ready
 * @param terminating whether it is being stopped
 */
record PodView(
        String namespace,
        String name,
        String uid,
        String ip,
        Map<String, String> labels,
        PodSpec spec,
        String templateHash,
        boolean ready,
        boolean terminating) {}
