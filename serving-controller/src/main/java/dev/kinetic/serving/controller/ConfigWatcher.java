package dev.kinetic.serving.controller;

import dev.kinetic.api.apis.Errors;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Watches the serving ConfigMaps in the system namespace and swaps each into the {@link ConfigSnapshot}. A bad
 * ConfigMap keeps the last good config in force, is logged, and gets a Warning event naming every bad key, so
 * {@code kubectl describe configmap} shows what is wrong. A deleted ConfigMap falls back to the shipped defaults.
 */
@ApplicationScoped
public class ConfigWatcher {
    private static final Logger LOG = Logger.getLogger(ConfigWatcher.class);
    static final String INVALID_CONFIG_REASON = "InvalidConfig";

    @Inject
    KubernetesClient client;

    @Inject
    ConfigSnapshot snapshot;

    @Inject
    ControllerSettings settings;

    private SharedIndexInformer<ConfigMap> informer;

    void start(@Observes StartupEvent event) {
        informer = client.configMaps().inNamespace(settings.systemNamespace()).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap cm) {
                apply(cm, cm.getData());
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                apply(after, after.getData());
            }

            @Override
            public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                apply(cm, Map.of());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    void apply(ConfigMap cm, Map<String, String> data) {
        String name = cm.getMetadata().getName();
        if (!ConfigSnapshot.CONFIG_MAPS.contains(name)) {
            return;
        }
        Errors errors = snapshot.update(name, data == null ? Map.of() : data);
        if (errors.isEmpty()) {
            LOG.infof("Applied ConfigMap %s/%s", cm.getMetadata().getNamespace(), name);
            return;
        }
        LOG.warnf(
                "ConfigMap %s/%s is invalid, keeping the last good config:%n%s",
                cm.getMetadata().getNamespace(), name, errors);
        warn(cm, errors);
    }

    private void warn(ConfigMap cm, Errors errors) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        try {
            client.v1()
                    .events()
                    .inNamespace(cm.getMetadata().getNamespace())
                    .resource(new EventBuilder()
                            .withNewMetadata()
                            .withGenerateName(cm.getMetadata().getName() + ".")
                            .withNamespace(cm.getMetadata().getNamespace())
                            .endMetadata()
                            .withInvolvedObject(new ObjectReferenceBuilder()
                                    .withApiVersion("v1")
                                    .withKind("ConfigMap")
                                    .withName(cm.getMetadata().getName())
                                    .withNamespace(cm.getMetadata().getNamespace())
                                    .withUid(cm.getMetadata().getUid())
                                    .build())
                            .withType("Warning")
                            .withReason(INVALID_CONFIG_REASON)
                            .withMessage("Keeping the last good configuration; invalid keys:\n" + errors)
                            .withFirstTimestamp(now)
                            .withLastTimestamp(now)
                            .withCount(1)
                            .withNewSource()
                            .withComponent("kinetic-serving-controller")
                            .endSource()
                            .build())
                    .create();
        } catch (RuntimeException e) {
            // An event is a courtesy; failing to write one must not stop the configuration from being watched.
            LOG.warnf(
                    e,
                    "Could not record a Warning event for ConfigMap %s",
                    cm.getMetadata().getName());
        }
    }
}
