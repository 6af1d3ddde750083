package dev.kinetic.serving.controller.service;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.ConfigurationSpec;
import dev.kinetic.api.serving.v1.RevisionTemplateSpec;
import dev.kinetic.api.serving.v1.Route;
import dev.kinetic.api.serving.v1.RouteSpec;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.TrafficTarget;
import dev.kinetic.serving.controller.kube.Owners;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Service wants to exist: a Configuration and a Route of its own name, owned by it (Knative
 * {@code pkg/reconciler/service/resources}). Pure functions of the Service.
 */
public final class ServiceResources {
    private ServiceResources() {}

    /** The Service's Configuration: its template, its labels and annotations, plus the service label. */
    public static Configuration makeConfiguration(Service service) {
        Configuration c = new Configuration();
        c.setMetadata(childMeta(service));
        RevisionTemplateSpec template = Manifests.copy(service.getSpec().getTemplate(), RevisionTemplateSpec.class);
        c.setSpec(new ConfigurationSpec().setTemplate(template));
        return c;
    }

    /**
     * The Service's Route. Targets that follow the latest revision without naming a configuration follow the
     * Service's own Configuration, which has the Service's name.
     */
    public static Route makeRoute(Service service) {
        Route r = new Route();
        r.setMetadata(childMeta(service));
        List<TrafficTarget> traffic = new ArrayList<>();
        List<TrafficTarget> spec = service.getSpec().getTraffic() == null
                ? List.of()
                : service.getSpec().getTraffic();
        for (TrafficTarget t : spec) {
            TrafficTarget copy = Manifests.copy(t, TrafficTarget.class);
            if (copy.getRevisionName() == null || copy.getRevisionName().isEmpty()) {
                copy.setConfigurationName(service.getMetadata().getName());
            }
            traffic.add(copy);
        }
        r.setSpec(new RouteSpec().setTraffic(traffic));
        return r;
    }

    /**
     * Name, namespace, owner, the Service's labels plus {@code serving.knative.dev/service}, and its annotations
     * (Knative propagates both to the children; kubectl's last-applied annotation is not propagated).
     */
    static ObjectMeta childMeta(Service service) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(service.getMetadata().getName());
        meta.setNamespace(service.getMetadata().getNamespace());
        Map<String, String> labels =
                new HashMap<>(nullToEmpty(service.getMetadata().getLabels()));
        labels.put(Knative.SERVICE_LABEL, service.getMetadata().getName());
        meta.setLabels(labels);
        Map<String, String> annotations =
                new HashMap<>(nullToEmpty(service.getMetadata().getAnnotations()));
        annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(service))));
        return meta;
    }

    private static Map<String, String> nullToEmpty(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }
}
