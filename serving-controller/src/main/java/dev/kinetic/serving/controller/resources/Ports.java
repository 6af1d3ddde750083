package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscalerSpec;
import dev.kinetic.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.Optional;

/**
 * The fixed ports of a revision pod and its Services, and how a Revision's protocol and user port are read. The
 * numbers and names are Knative's wire contract: the activator, the autoscaler and ingresses address pods by them.
 */
public final class Ports {
    private Ports() {}

    /** The queue-proxy's HTTP/1 serving port. */
    public static final int QUEUE_HTTP = 8012;
    /** The queue-proxy's serving port when the user container speaks h2c. */
    public static final int QUEUE_H2C = 8013;
    /** The queue-proxy's TLS serving port (system-internal encryption). */
    public static final int QUEUE_HTTPS = 8112;
    /** The queue-proxy's admin port, serving {@code /wait-for-drain}. */
    public static final int QUEUE_ADMIN = 8022;
    /** The queue-proxy's autoscaler stat port. */
    public static final int AUTOSCALING_METRICS = 9090;
    /** The queue-proxy's user-facing request metrics port. */
    public static final int USER_METRICS = 9091;
    /** The user port when the serving container declares none. */
    public static final int DEFAULT_USER_PORT = 8080;

    /** The Service port for HTTP/1 traffic. */
    public static final int SERVICE_HTTP = 80;
    /** The Service port for h2c traffic. */
    public static final int SERVICE_H2C = 81;

    public static final String QUEUE_PORT_NAME = "queue-port";
    public static final String QUEUE_HTTPS_PORT_NAME = "https-port";
    public static final String QUEUE_ADMIN_PORT_NAME = "http-queueadm";
    public static final String AUTOSCALING_METRICS_PORT_NAME = "http-autometric";
    public static final String USER_METRICS_PORT_NAME = "http-usermetric";
    public static final String USER_PORT_NAME = "user-port";
    public static final String SERVICE_HTTP_PORT_NAME = "http";
    public static final String SERVICE_H2C_PORT_NAME = "http2";
    /** The {@code appProtocol} marking a Service port as cleartext HTTP/2. */
    public static final String H2C_APP_PROTOCOL = "kubernetes.io/h2c";

    /** The container port name by which a user asks for h2c. */
    static final String H2C_CONTAINER_PORT_NAME = "h2c";

    /** The port the user's application listens on: the serving container's declared port, or 8080. */
    public static int userPort(Revision rev) {
        return firstPort(rev)
                .filter(p -> p.getContainerPort() != null && p.getContainerPort() > 0)
                .map(ContainerPort::getContainerPort)
                .orElse(DEFAULT_USER_PORT);
    }

    /** {@code h2c} when the serving container's port is named {@code h2c}, otherwise {@code http1}. */
    public static String protocolType(Revision rev) {
        return isH2c(rev) ? PodAutoscalerSpec.PROTOCOL_H2C : PodAutoscalerSpec.PROTOCOL_HTTP1;
    }

    /** True when the revision serves cleartext HTTP/2. */
    public static boolean isH2c(Revision rev) {
        return firstPort(rev)
                .map(p -> H2C_CONTAINER_PORT_NAME.equals(p.getName()))
                .orElse(false);
    }

    /** The queue-proxy port that receives the revision's traffic: 8013 for h2c, otherwise 8012. */
    public static int queueServingPort(Revision rev) {
        return isH2c(rev) ? QUEUE_H2C : QUEUE_HTTP;
    }

    private static Optional<ContainerPort> firstPort(Revision rev) {
        return RevisionContainers.serving(rev)
                .map(Container::getPorts)
                .filter(ports -> !ports.isEmpty())
                .map(ports -> ports.get(0));
    }
}
