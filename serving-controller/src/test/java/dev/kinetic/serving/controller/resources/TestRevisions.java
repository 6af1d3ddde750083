package dev.kinetic.serving.controller.resources;

import static dev.kinetic.testsupport.fixtures.ServingFixtures.withConfigurationLabels;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.config.ServingConfig;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.ServingDefaults;
import dev.kinetic.testsupport.fixtures.Options;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Probe;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Revisions as the builders receive them: created by the Configuration {@code hello} of the Service {@code hello},
 * and defaulted by the admission webhook with the shipped {@code config-defaults}.
 */
final class TestRevisions {
    private TestRevisions() {}

    static final String NAMESPACE = "default";
    static final String NAME = "hello-00001";
    static final String UID = "6f1c0a52-1b9e-4c52-9a1e-0d5d3c9d0a01";

    /** {@code hello-00001}, defaulted, with {@code options} applied before defaulting. */
    @SafeVarargs
    static Revision revision(Consumer<Revision>... options) {
        return named(NAME, options);
    }

    @SafeVarargs
    static Revision named(String name, Consumer<Revision>... options) {
        List<Consumer<? super Revision>> all = new ArrayList<>();
        all.add(Options.withUid(UID));
        all.add(withConfigurationLabels("hello", 1));
        all.add(Options.withLabel(Knative.CONFIGURATION_UID_LABEL, "config-uid"));
        all.add(Options.withLabel(Knative.SERVICE_LABEL, "hello"));
        all.add(Options.withLabel(Knative.SERVICE_UID_LABEL, "service-uid"));
        all.addAll(List.of(options));
        @SuppressWarnings("unchecked")
        Consumer<? super Revision>[] array = all.toArray(new Consumer[0]);
        Revision rev = ServingFixtures.revision(NAMESPACE, name, array);
        ServingDefaults.setDefaults(rev.getSpec(), ServingConfig.shipped());
        return rev;
    }

    static Consumer<Revision> withoutServiceLabel() {
        return r -> {
            r.getMetadata().getLabels().remove(Knative.SERVICE_LABEL);
            r.getMetadata().getLabels().remove(Knative.SERVICE_UID_LABEL);
        };
    }

    static Consumer<Revision> withLabel(String key, String value) {
        return Options.withLabel(key, value);
    }

    static Consumer<Revision> withAnnotation(String key, String value) {
        return Options.withAnnotation(key, value);
    }

    /** Replaces the annotations (applied before defaulting, like every option). */
    static Consumer<Revision> withAnnotations(Map<String, String> annotations) {
        return r -> r.getMetadata().setAnnotations(new HashMap<>(annotations));
    }

    /** The first container declares {@code port}, named {@code name} (null for none). */
    static Consumer<Revision> withPort(String name, int port) {
        return r -> {
            ContainerPort p = new ContainerPort();
            p.setName(name);
            p.setContainerPort(port);
            r.getSpec().getContainers().get(0).setPorts(new ArrayList<>(List.of(p)));
        };
    }

    static Consumer<Revision> withReadiness(Probe probe) {
        return r -> r.getSpec().getContainers().get(0).setReadinessProbe(probe);
    }

    static Consumer<Revision> withLiveness(Probe probe) {
        return r -> r.getSpec().getContainers().get(0).setLivenessProbe(probe);
    }

    /** Adds a sidecar without ports; the first container gets port 8080 if it had none. */
    static Consumer<Revision> withSidecar(String name, Probe readiness) {
        return r -> {
            List<Container> containers = r.getSpec().getContainers();
            if (containers.get(0).getPorts() == null
                    || containers.get(0).getPorts().isEmpty()) {
                withPort(null, 8080).accept(r);
            }
            Container sidecar = new Container();
            sidecar.setName(name);
            sidecar.setImage("example.com/sidecar:1");
            sidecar.setReadinessProbe(readiness);
            containers.add(sidecar);
        };
    }

    static Consumer<Revision> withTimeouts(long total, Long responseStart, Long idle) {
        return r -> r.getSpec()
                .setTimeoutSeconds(total)
                .setResponseStartTimeoutSeconds(responseStart)
                .setIdleTimeoutSeconds(idle);
    }
}
