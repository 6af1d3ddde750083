package dev.kinetic.eventing.broker.dispatcher;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile readiness: ready once the contract has been read. */
@Readiness
@ApplicationScoped
public class DispatcherReadiness implements HealthCheck {
    private final Dispatcher dispatcher;

    DispatcherReadiness(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("contract")
                .status(dispatcher.ready())
                .withData("generation", dispatcher.generation())
                .withData("triggers", dispatcher.triggers())
                .build();
    }
}
