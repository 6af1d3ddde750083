package dev.kinetic.serving.controller;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Leader election on a Lease in the system namespace, so several replicas of the controller can run for
 * availability while only the leader reconciles. Knative's timings: a 15 s lease, renewed within 10 s, retried
 * every 2 s. A replica that loses the Lease exits (by default) so Kubernetes restarts it as a fresh candidate.
 */
@Singleton
public class LeaderElection extends LeaderElectionConfiguration {

    public LeaderElection(ControllerSettings settings) {
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
