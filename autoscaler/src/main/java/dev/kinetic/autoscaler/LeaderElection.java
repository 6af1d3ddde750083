package dev.kinetic.autoscaler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Leader election on a Lease in the system namespace: several autoscaler replicas may run, only the leader scales
 * (Knative's timings: a 15 s lease, renewed within 10 s, retried every 2 s). Every replica keeps collecting metrics,
 * so a new leader decides on warm windows.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    public LeaderElection(AutoscalerSettings settings) {
        super(
                settings.leaseName(),
                settings.systemNamespace(),
                Duration.ofSeconds(15),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                null,
                null,
                settings.exitOnLostLease());
    }
}
