package dev.kinetic.autoscaler;

import dev.kinetic.api.apis.Durations;
import dev.kinetic.autoscaler.config.KpaConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The autoscaler's view of {@code config-autoscaler} (every KPA key) and of {@code config-deployment}'s
 * {@code progress-deadline}, watched in the system namespace. A bad {@code config-autoscaler} keeps the last good
 * config in force and is logged with every bad key; a deleted one falls back to the defaults. Reconciles and ticks
 * read one snapshot each.
 */
@ApplicationScoped
public class ConfigStore {
    private static final Logger LOG = Logger.getLogger(ConfigStore.class);
    static final String DEPLOYMENT_CONFIG = "config-deployment";
    static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofSeconds(600);

    @Inject
    KubernetesClient client;

    @Inject
    AutoscalerSettings settings;

    private final AtomicReference<KpaConfig> autoscaler = new AtomicReference<>(KpaConfig.defaults());
    private final AtomicReference<Duration> progressDeadline = new AtomicReference<>(DEFAULT_PROGRESS_DEADLINE);
    private SharedIndexInformer<ConfigMap> informer;

    /** Before the reconcilers start, so the first reconcile already sees the installed config. */
    void start(@Observes @Priority(1) StartupEvent event) {
        informer = client.configMaps().inNamespace(settings.systemNamespace()).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap cm) {
                apply(cm.getMetadata().getName(), cm.getData());
            }

            @Override
            public void onUpdate(ConfigMap before, ConfigMap after) {
                apply(after.getMetadata().getName(), after.getData());
            }

            @Override
            public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                apply(cm.getMetadata().getName(), Map.of());
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    public KpaConfig autoscaler() {
        return autoscaler.get();
    }

    /** {@code config-deployment}'s progress deadline (600 s by default). */
    public Duration progressDeadline() {
        return progressDeadline.get();
    }

    void apply(String name, Map<String, String> data) {
        Map<String, String> values = data == null ? Map.of() : data;
        if (KpaConfig.NAME.equals(name)) {
            KpaConfig.Parsed parsed = KpaConfig.fromMap(values);
            if (parsed.errors().isEmpty()) {
                autoscaler.set(parsed.config());
                LOG.infof("Applied ConfigMap %s", name);
            } else {
                LOG.warnf("ConfigMap %s is invalid, keeping the last good config:%n%s", name, parsed.errors());
            }
        } else if (DEPLOYMENT_CONFIG.equals(name)) {
            Optional<Duration> deadline = parseDeadline(values.get("progress-deadline"));
            if (deadline.isPresent()) {
                progressDeadline.set(deadline.get());
            } else {
                LOG.warnf(
                        "ConfigMap %s: progress-deadline %s is not a positive duration, keeping %s",
                        name, values.get("progress-deadline"), progressDeadline.get());
            }
        }
    }

    static Optional<Duration> parseDeadline(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(DEFAULT_PROGRESS_DEADLINE);
        }
        return parseDeadlineValue(text);
    }

    /** A progress deadline as written (config key or revision annotation): a positive Go duration. */
    public static Optional<Duration> parseDeadlineValue(String text) {
        return Durations.parseGo(text.trim()).filter(d -> !d.isNegative() && !d.isZero());
    }
}
