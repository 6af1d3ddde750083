package dev.kinetic.eventing.broker.controller.health;

import dev.kinetic.eventing.broker.controller.contract.ContractWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the last write of the contract ConfigMap succeeded (or none was needed yet). */
@Readiness
@ApplicationScoped
public class ContractReadiness implements HealthCheck {

    @Inject
    ContractWriter contract;

    @Override
    public HealthCheckResponse call() {
        String failure = contract.lastFailure();
        return HealthCheckResponse.named("contract")
                .status(failure == null)
                .withData("lastFailure", failure == null ? "none" : failure)
                .build();
    }
}
