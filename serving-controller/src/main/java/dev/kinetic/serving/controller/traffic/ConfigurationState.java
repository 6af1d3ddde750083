package dev.kinetic.serving.controller.traffic;

import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.ConfigurationStatus;
import java.util.Objects;

/**
 * What traffic resolution needs to know about an existing Configuration.
 *
 * @param name the Configuration's name
 * @param latestCreatedRevisionName {@code status.latestCreatedRevisionName}, or null
 * @param latestReadyRevisionName {@code status.latestReadyRevisionName}, or null when no Revision was ever ready
 * @param readiness its Ready condition
 */
public record ConfigurationState(
        String name, String latestCreatedRevisionName, String latestReadyRevisionName, Readiness readiness) {

    public ConfigurationState {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(readiness, "readiness");
        latestCreatedRevisionName = blankToNull(latestCreatedRevisionName);
        latestReadyRevisionName = blankToNull(latestReadyRevisionName);
    }

    public static ConfigurationState from(Configuration configuration) {
        ConfigurationStatus status = configuration.getStatus();
        return new ConfigurationState(
                configuration.getMetadata().getName(),
                status == null ? null : status.getLatestCreatedRevisionName(),
                status == null ? null : status.getLatestReadyRevisionName(),
                Readiness.of(status, true));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
