package dev.kinetic.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.autoscaler.config.KpaConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A bad ConfigMap keeps the last good config; a deleted one falls back to the defaults. */
class ConfigStoreTest {
    @Test
    void goodConfigIsTakenBadConfigKeepsTheLastGoodAndDeletionRestoresDefaults() {
        ConfigStore store = new ConfigStore();
        store.apply(KpaConfig.NAME, Map.of("stable-window", "6s", "scale-to-zero-grace-period", "2s"));
        assertThat(store.autoscaler().stableWindow()).isEqualTo(Duration.ofSeconds(6));

        store.apply(KpaConfig.NAME, Map.of("stable-window", "2s"));
        assertThat(store.autoscaler().stableWindow()).isEqualTo(Duration.ofSeconds(6));
        assertThat(store.autoscaler().scaleToZeroGracePeriod()).isEqualTo(Duration.ofSeconds(2));

        store.apply(KpaConfig.NAME, Map.of());
        assertThat(store.autoscaler()).isEqualTo(KpaConfig.defaults());
    }

    @Test
    void progressDeadlineFromConfigDeployment() {
        ConfigStore store = new ConfigStore();
        assertThat(store.progressDeadline()).isEqualTo(Duration.ofSeconds(600));
        store.apply(ConfigStore.DEPLOYMENT_CONFIG, Map.of("progress-deadline", "2m"));
        assertThat(store.progressDeadline()).isEqualTo(Duration.ofMinutes(2));
        store.apply(ConfigStore.DEPLOYMENT_CONFIG, Map.of("progress-deadline", "-5s"));
        assertThat(store.progressDeadline()).isEqualTo(Duration.ofMinutes(2));
        store.apply(ConfigStore.DEPLOYMENT_CONFIG, Map.of());
        assertThat(store.progressDeadline()).isEqualTo(Duration.ofSeconds(600));
    }
}
