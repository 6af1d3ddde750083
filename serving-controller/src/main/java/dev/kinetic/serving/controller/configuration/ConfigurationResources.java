package dev.kinetic.serving.controller.configuration;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionSpec;
import dev.kinetic.serving.controller.kube.Owners;
import dev.kinetic.serving.controller.names.ChildNames;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a Configuration wants to exist, and which of its Revisions is the latest ready one. Pure functions. */
public final class ConfigurationResources {
    private ConfigurationResources() {}

    /** The name of the Revision the current template stamps: the template's own (BYO) or {@code <cfg>-0000N}. */
    public static String revisionName(Configuration cfg) {
        ObjectMeta templateMeta = cfg.getSpec().getTemplate().getMetadata();
        if (templateMeta != null
                && templateMeta.getName() != null
                && !templateMeta.getName().isEmpty()) {
            return templateMeta.getName();
        }
        return ChildNames.revisionName(
                cfg.getMetadata().getName(), cfg.getMetadata().getGeneration());
    }

    /**
     * The Revision for the Configuration's current generation, with Knative's labels and annotations
     * (serving.md §1.5): the template's own, {@code configuration}, {@code configurationGeneration},
     * {@code configurationUID}, {@code service}/{@code serviceUID} when a Service owns the Configuration,
     * {@code routingState: pending} stamped at {@code now}, and {@code creator} from the Configuration's last modifier.
     */
    public static Revision makeRevision(Configuration cfg, Instant now) {
        ObjectMeta template = cfg.getSpec().getTemplate().getMetadata();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(revisionName(cfg));
        meta.setNamespace(cfg.getMetadata().getNamespace());

        Map<String, String> labels =
                new HashMap<>(template == null || template.getLabels() == null ? Map.of() : template.getLabels());
        labels.put(Knative.CONFIGURATION_LABEL, cfg.getMetadata().getName());
        labels.put(
                Knative.CONFIGURATION_GENERATION_LABEL,
                Long.toString(cfg.getMetadata().getGeneration()));
        labels.put(Knative.CONFIGURATION_UID_LABEL, cfg.getMetadata().getUid());
        String service = cfg.getMetadata().getLabels() == null
                ? null
                : cfg.getMetadata().getLabels().get(Knative.SERVICE_LABEL);
        if (service != null) {
            labels.put(Knative.SERVICE_LABEL, service);
        }
        serviceOwner(cfg).ifPresent(owner -> labels.put(Knative.SERVICE_UID_LABEL, owner.getUid()));
        labels.put(Knative.ROUTING_STATE_LABEL, "pending");
        meta.setLabels(labels);

        Map<String, String> annotations = new HashMap<>(
                template == null || template.getAnnotations() == null ? Map.of() : template.getAnnotations());
        Map<String, String> cfgAnnotations = cfg.getMetadata().getAnnotations() == null
                ? Map.of()
                : cfg.getMetadata().getAnnotations();
        String creator =
                cfgAnnotations.getOrDefault(Knative.UPDATER_ANNOTATION, cfgAnnotations.get(Knative.CREATOR_ANNOTATION));
        if (creator != null) {
            annotations.put(Knative.CREATOR_ANNOTATION, creator);
        }
        if (cfgAnnotations.containsKey(Knative.ROUTES_ANNOTATION)) {
            annotations.put(Knative.ROUTES_ANNOTATION, cfgAnnotations.get(Knative.ROUTES_ANNOTATION));
        }
        annotations.put(
                Knative.ROUTING_STATE_MODIFIED_ANNOTATION,
                now.truncatedTo(ChronoUnit.SECONDS).toString());
        meta.setAnnotations(annotations);
        meta.setOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(cfg))));

        Revision revision = new Revision();
        revision.setMetadata(meta);
        revision.setSpec(Manifests.copy(cfg.getSpec().getTemplate().getSpec(), RevisionSpec.class));
        return revision;
    }

    /**
     * The newest ready Revision of the Configuration (by configuration generation), if any: what
     * {@code latestReadyRevisionName} points at while a newer Revision is still coming up or has failed.
     */
    public static Optional<Revision> latestReady(Collection<Revision> owned) {
        return owned.stream()
                .filter(r -> r.getStatus() != null
                        && r.getStatus()
                                .condition(ConditionSet.READY)
                                .map(c -> c.isTrue())
                                .orElse(false))
                .max(Comparator.comparingLong(ConfigurationResources::generationOf));
    }

    static long generationOf(Revision r) {
        String g = r.getMetadata().getLabels() == null
                ? null
                : r.getMetadata().getLabels().get(Knative.CONFIGURATION_GENERATION_LABEL);
        try {
            return g == null ? -1 : Long.parseLong(g);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Optional<OwnerReference> serviceOwner(Configuration cfg) {
        List<OwnerReference> refs = cfg.getMetadata().getOwnerReferences();
        return refs == null
                ? Optional.empty()
                : refs.stream()
                        .filter(r -> Boolean.TRUE.equals(r.getController()) && "Service".equals(r.getKind()))
                        .findFirst();
    }
}
