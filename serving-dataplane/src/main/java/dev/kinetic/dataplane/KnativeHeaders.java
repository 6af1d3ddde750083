package dev.kinetic.dataplane;

import io.vertx.core.http.HttpServerRequest;

/** Header names, values and user agents of Knative's serving data plane, kept wire-compatible. */
public final class KnativeHeaders {
    /** Asks a data-plane component whether it is ready; the value names the component that must answer. */
    public static final String NETWORK_PROBE = "K-Network-Probe";
    /** Marks the kubelet's HTTP readiness probes that the queue-proxy passes on to the user container. */
    public static final String KUBELET_PROBE = "K-Kubelet-Probe";
    /** Set by the activator on every request it forwards, so the pod can count proxied requests. */
    public static final String PROXY_REQUEST = "K-Proxy-Request";
    /** Which revision a request is for, set by the ingress per backend; the activator routes on it. */
    public static final String REVISION = "Knative-Serving-Revision";
    /** The namespace of {@link #REVISION}. */
    public static final String NAMESPACE = "Knative-Serving-Namespace";
    /** Prefix of the routing headers the activator strips before forwarding. */
    public static final String SERVING_PREFIX = "knative-serving-";

    public static final String QUEUE = "queue";
    public static final String ACTIVATOR = "activator";

    /** User agent of the activator's pod probes. */
    public static final String ACTIVATOR_PROBE_USER_AGENT = "Knative-Activator-Probe";
    /** User agent of the autoscaler's probes. */
    public static final String AUTOSCALING_PROBE_USER_AGENT = "Knative-Autoscaling-Probe";
    /** The kubelet's user agent starts with this. */
    public static final String KUBE_PROBE_USER_AGENT_PREFIX = "kube-probe/";

    private KnativeHeaders() {}

    /** A health check from the kubelet, the activator or the autoscaler rather than a user request. */
    public static boolean isProbe(HttpServerRequest req) {
        if (req.headers().contains(NETWORK_PROBE)) {
            return true;
        }
        String ua = req.getHeader("User-Agent");
        return ua != null
                && (ua.startsWith(KUBE_PROBE_USER_AGENT_PREFIX)
                        || ua.startsWith(ACTIVATOR_PROBE_USER_AGENT)
                        || ua.startsWith(AUTOSCALING_PROBE_USER_AGENT));
    }
}
