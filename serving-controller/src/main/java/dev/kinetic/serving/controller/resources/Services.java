package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.serving.controller.names.ChildNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;

/** A Revision's two Kubernetes Services, through which the ingress, the activator and the autoscaler reach it. */
public final class Services {
    private Services() {}

    /** Label telling the public Service from the private one. */
    public static final String SERVICE_TYPE_LABEL = Knative.NETWORKING_INTERNAL_GROUP + "/serviceType";
    /** Label naming the ServerlessService that manages a Service. */
    public static final String SERVERLESS_SERVICE_LABEL = Knative.NETWORKING_INTERNAL_GROUP + "/serverlessservice";

    public static final String PRIVATE = "Private";
    public static final String PUBLIC = "Public";

    /**
     * {@code <revision>-private}: selects the revision's pods by UID. Its serving port is {@code http} 80 → 8012, or
     * {@code http2} 81 → 8013 for an h2c revision (the same name and number as on the public Service, so a consumer
     * looks a port up the same way on either); beside it the autoscaler's stat port, the user metrics port and the
     * queue-proxy admin port.
     */
    public static Service makePrivateService(Revision rev) {
        ServicePort serving = Ports.isH2c(rev)
                ? port(Ports.SERVICE_H2C_PORT_NAME, Ports.SERVICE_H2C, Ports.QUEUE_H2C, Ports.H2C_APP_PROTOCOL)
                : port(Ports.SERVICE_HTTP_PORT_NAME, Ports.SERVICE_HTTP, Ports.QUEUE_HTTP, null);
        return new ServiceBuilder()
                .withMetadata(
                        meta(rev, ChildNames.privateService(rev.getMetadata().getName()), PRIVATE))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(RevisionMeta.selector(rev))
                .withPorts(List.of(
                        serving,
                        port(
                                Ports.AUTOSCALING_METRICS_PORT_NAME,
                                Ports.AUTOSCALING_METRICS,
                                Ports.AUTOSCALING_METRICS,
                                null),
                        port(Ports.USER_METRICS_PORT_NAME, Ports.USER_METRICS, Ports.USER_METRICS, null),
                        port(Ports.QUEUE_ADMIN_PORT_NAME, Ports.QUEUE_ADMIN, Ports.QUEUE_ADMIN, null)))
                .endSpec()
                .build();
    }

    /**
     * {@code <revision>}: the address the ingress sends the revision's traffic to. It has no selector; the
     * autoscaler writes its EndpointSlices, pointing them at the activator (Proxy mode) or the pods (Serve mode).
     * It always offers {@code http} 80 → 8012 and {@code http2} 81 → 8013 (h2c), whatever the revision speaks,
     * so its shape never depends on the mode or protocol.
     */
    public static Service makePublicService(Revision rev) {
        return new ServiceBuilder()
                .withMetadata(meta(rev, rev.getMetadata().getName(), PUBLIC))
                .withNewSpec()
                .withType("ClusterIP")
                .withPorts(List.of(
                        port(Ports.SERVICE_HTTP_PORT_NAME, Ports.SERVICE_HTTP, Ports.QUEUE_HTTP, null),
                        port(Ports.SERVICE_H2C_PORT_NAME, Ports.SERVICE_H2C, Ports.QUEUE_H2C, Ports.H2C_APP_PROTOCOL)))
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(Revision rev, String name, String type) {
        ObjectMeta meta = RevisionMeta.childMeta(rev, name, Map.of());
        meta.getLabels().put(SERVICE_TYPE_LABEL, type);
        meta.getLabels().put(SERVERLESS_SERVICE_LABEL, rev.getMetadata().getName());
        return meta;
    }

    private static ServicePort port(String name, int port, int targetPort, String appProtocol) {
        return new ServicePortBuilder()
                .withName(name)
                .withProtocol("TCP")
                .withAppProtocol(appProtocol)
                .withPort(port)
                .withTargetPort(new IntOrString(targetPort))
                .build();
    }
}
