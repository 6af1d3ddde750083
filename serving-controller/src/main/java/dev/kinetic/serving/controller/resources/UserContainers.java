package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.v1.ContainerStatus;
import dev.kinetic.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The user's containers as they run in the pod: Knative's environment, drain hook, ports and probes applied. */
final class UserContainers {
    private UserContainers() {}

    /** Path on the queue-proxy admin port that blocks until the queue-proxy has drained. */
    static final String DRAIN_PATH = "/wait-for-drain";

    /** Kubernetes' termination message policy that falls back to the log tail, for ContainerHealthy messages. */
    static final String FALLBACK_TO_LOGS_ON_ERROR = "FallbackToLogsOnError";

    /**
     * Every user container, in spec order. All get {@code K_SERVICE}, {@code K_CONFIGURATION}, {@code K_REVISION}
     * and a preStop hook waiting for the queue-proxy to drain, so they outlive in-flight requests; the serving
     * container also gets {@code PORT} and its port renamed {@code user-port}. Readiness probes the queue-proxy runs
     * are removed (exec probes stay: only the kubelet can run them), and the serving container's liveness probe is
     * pointed at the user port. Images are replaced by their resolved digests.
     */
    static List<Container> make(Revision rev, FeaturesConfig features) {
        List<Container> containers = RevisionContainers.all(rev);
        int serving = RevisionContainers.servingIndex(rev);
        boolean multiContainerProbing = features.on(FeaturesConfig.MULTI_CONTAINER_PROBING);
        Map<String, String> digests =
                digests(rev.getStatus() == null ? null : rev.getStatus().getContainerStatuses());
        List<Container> result = new ArrayList<>(containers.size());
        for (int i = 0; i < containers.size(); i++) {
            Container c = new ContainerBuilder(containers.get(i)).build();
            boolean isServing = i == serving;
            List<EnvVar> env = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
            if (isServing) {
                int userPort = Ports.userPort(rev);
                c.setPorts(List.of(new ContainerPortBuilder()
                        .withName(Ports.USER_PORT_NAME)
                        .withContainerPort(userPort)
                        .withProtocol("TCP")
                        .build()));
                env.add(new EnvVar("PORT", Integer.toString(userPort), null));
                c.setLivenessProbe(Probes.withPortDefaulted(c.getLivenessProbe(), userPort));
            }
            env.add(new EnvVar("K_SERVICE", RevisionMeta.label(rev, Knative.SERVICE_LABEL), null));
            env.add(new EnvVar("K_CONFIGURATION", RevisionMeta.label(rev, Knative.CONFIGURATION_LABEL), null));
            env.add(new EnvVar("K_REVISION", rev.getMetadata().getName(), null));
            c.setEnv(env);
            c.setLifecycle(drainHook());
            if (c.getTerminationMessagePolicy() == null) {
                c.setTerminationMessagePolicy(FALLBACK_TO_LOGS_ON_ERROR);
            }
            if ((isServing || multiContainerProbing) && Probes.runByQueueProxy(c.getReadinessProbe())) {
                c.setReadinessProbe(null);
            }
            String digest = digests.get(c.getName());
            if (digest != null && !digest.isEmpty()) {
                c.setImage(digest);
            }
            result.add(c);
        }
        return result;
    }

    /** Init containers with their images replaced by resolved digests. */
    static List<Container> makeInit(Revision rev) {
        List<Container> inits = rev.getSpec() == null ? null : rev.getSpec().getInitContainers();
        if (inits == null || inits.isEmpty()) {
            return null;
        }
        Map<String, String> digests =
                digests(rev.getStatus() == null ? null : rev.getStatus().getInitContainerStatuses());
        List<Container> result = new ArrayList<>(inits.size());
        for (Container init : inits) {
            Container c = new ContainerBuilder(init).build();
            String digest = digests.get(c.getName());
            if (digest != null && !digest.isEmpty()) {
                c.setImage(digest);
            }
            result.add(c);
        }
        return result;
    }

    private static Lifecycle drainHook() {
        return new LifecycleBuilder()
                .withNewPreStop()
                .withNewHttpGet()
                .withPath(DRAIN_PATH)
                .withPort(new IntOrString(Ports.QUEUE_ADMIN))
                .endHttpGet()
                .endPreStop()
                .build();
    }

    private static Map<String, String> digests(List<ContainerStatus> statuses) {
        Map<String, String> digests = new HashMap<>();
        if (statuses != null) {
            for (ContainerStatus s : statuses) {
                if (s.getName() != null && s.getImageDigest() != null) {
                    digests.put(s.getName(), s.getImageDigest());
                }
            }
        }
        return digests;
    }
}
