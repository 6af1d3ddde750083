package dev.kinetic.autoscaler.kube;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;

/** Reading EndpointSlice endpoints. */
public final class Endpoints {
    private Endpoints() {}

    /**
     * Whether the endpoint should receive new requests: ready (an absent condition means ready, as the API defines)
     * and not terminating, with addresses.
     */
    public static boolean takesTraffic(Endpoint e) {
        boolean ready = e.getConditions() == null
                || e.getConditions().getReady() == null
                || e.getConditions().getReady();
        boolean terminating = e.getConditions() != null
                && Boolean.TRUE.equals(e.getConditions().getTerminating());
        return ready && !terminating && e.getAddresses() != null;
    }
}
