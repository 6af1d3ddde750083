package dev.kinetic.api.serving.v1;

import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.ServingConfig;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Knative's defaulting of the serving kinds (serving.md §1.2–1.3), in place and idempotent. Pure: reads only the
 * resource and the config snapshot.
 */
public final class ServingDefaults {
    private ServingDefaults() {}

    public static void setDefaults(Service service, ServingConfig config) {
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        spec.setTemplate(defaultTemplate(spec.getTemplate(), config));
        if (spec.getTraffic() == null || spec.getTraffic().isEmpty()) {
            spec.setTraffic(new ArrayList<>(
                    List.of(new TrafficTarget().setLatestRevision(true).setPercent(100L))));
        }
        spec.getTraffic().forEach(ServingDefaults::setDefaults);
    }

    public static void setDefaults(Configuration configuration, ServingConfig config) {
        if (configuration.getSpec() == null) {
            configuration.setSpec(new ConfigurationSpec());
        }
        configuration
                .getSpec()
                .setTemplate(defaultTemplate(configuration.getSpec().getTemplate(), config));
    }

    public static void setDefaults(Revision revision, ServingConfig config) {
        if (revision.getSpec() == null) {
            revision.setSpec(new RevisionSpec());
        }
        setDefaults(revision.getSpec(), config);
    }

    public static void setDefaults(Route route, ServingConfig config) {
        if (route.getSpec() != null && route.getSpec().getTraffic() != null) {
            route.getSpec().getTraffic().forEach(ServingDefaults::setDefaults);
        }
    }

    /** {@code latestRevision} follows from whether a revision is pinned; a missing percent is 0. */
    public static void setDefaults(TrafficTarget target) {
        if (target.getLatestRevision() == null) {
            target.setLatestRevision(
                    target.getRevisionName() == null || target.getRevisionName().isEmpty());
        }
        if (target.getPercent() == null) {
            target.setPercent(0L);
        }
    }

    private static RevisionTemplateSpec defaultTemplate(RevisionTemplateSpec template, ServingConfig config) {
        RevisionTemplateSpec t = template == null ? new RevisionTemplateSpec() : template;
        if (t.getSpec() == null) {
            t.setSpec(new RevisionSpec());
        }
        setDefaults(t.getSpec(), config);
        return t;
    }

    /** Timeouts, concurrency, container names, the serving container's readiness probe, service links, resources. */
    public static void setDefaults(RevisionSpec spec, ServingConfig config) {
        DefaultsConfig d = config.defaults();
        if (spec.getTimeoutSeconds() == null || spec.getTimeoutSeconds() == 0) {
            spec.setTimeoutSeconds(d.revisionTimeoutSeconds());
        }
        if (spec.getResponseStartTimeoutSeconds() == null
                && d.revisionResponseStartTimeoutSeconds() != 0
                && d.revisionResponseStartTimeoutSeconds() < spec.getTimeoutSeconds()) {
            spec.setResponseStartTimeoutSeconds(d.revisionResponseStartTimeoutSeconds());
        }
        if (spec.getIdleTimeoutSeconds() == null
                && d.revisionIdleTimeoutSeconds() != 0
                && d.revisionIdleTimeoutSeconds() < spec.getTimeoutSeconds()) {
            spec.setIdleTimeoutSeconds(d.revisionIdleTimeoutSeconds());
        }
        if (spec.getContainerConcurrency() == null) {
            spec.setContainerConcurrency(d.containerConcurrency());
        }
        if (spec.getEnableServiceLinks() == null) {
            d.enableServiceLinks().ifPresent(spec::setEnableServiceLinks);
        }
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        Container serving = spec.servingContainer().orElse(null);
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (c.getName() == null || c.getName().isEmpty()) {
                c.setName(containers.size() == 1 ? d.userContainerName() : d.userContainerName() + "-" + i);
            }
            setResourceDefaults(c, d);
            if (c == serving) {
                setReadinessDefaults(c);
            }
        }
        List<Container> inits = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        for (int i = 0; i < inits.size(); i++) {
            Container c = inits.get(i);
            if (c.getName() == null || c.getName().isEmpty()) {
                c.setName(inits.size() == 1 ? d.initContainerName() : d.initContainerName() + "-" + i);
            }
        }
    }

    /**
     * A serving container without a readiness probe gets an empty TCP probe; periodSeconds 0 means queue-proxy
     * probes aggressively, otherwise Kubernetes' thresholds apply.
     */
    private static void setReadinessDefaults(Container c) {
        Probe probe = c.getReadinessProbe();
        if (probe == null) {
            probe = new Probe();
            c.setReadinessProbe(probe);
        }
        if (probe.getTcpSocket() == null
                && probe.getHttpGet() == null
                && probe.getExec() == null
                && probe.getGrpc() == null) {
            probe.setTcpSocket(new TCPSocketAction(null, new IntOrString(0)));
        }
        if (probe.getSuccessThreshold() == null || probe.getSuccessThreshold() == 0) {
            probe.setSuccessThreshold(1);
        }
        if (probe.getPeriodSeconds() != null && probe.getPeriodSeconds() != 0) {
            if (probe.getFailureThreshold() == null || probe.getFailureThreshold() == 0) {
                probe.setFailureThreshold(3);
            }
            if (probe.getTimeoutSeconds() == null || probe.getTimeoutSeconds() == 0) {
                probe.setTimeoutSeconds(1);
            }
        }
    }

    private static void setResourceDefaults(Container c, DefaultsConfig d) {
        if (d.revisionRequests().isEmpty() && d.revisionLimits().isEmpty()) {
            return;
        }
        ResourceRequirements resources = c.getResources() == null ? new ResourceRequirements() : c.getResources();
        resources.setRequests(withDefaults(resources.getRequests(), d.revisionRequests()));
        resources.setLimits(withDefaults(resources.getLimits(), d.revisionLimits()));
        c.setResources(resources);
    }

    private static Map<String, Quantity> withDefaults(Map<String, Quantity> current, Map<String, Quantity> defaults) {
        Map<String, Quantity> result = new TreeMap<>(current == null ? Map.of() : current);
        defaults.forEach(result::putIfAbsent);
        return result;
    }
}
