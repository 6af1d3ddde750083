package dev.kinetic.eventing.broker.receiver;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** MicroProfile readiness: ready once the contract has been read. */
@Readiness
@ApplicationScoped
public class ReceiverReadiness implements HealthCheck {
    private final Receiver receiver;

    ReceiverReadiness(Receiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("contract")
                .status(receiver.ready())
                .withData("generation", receiver.generation())
                .build();
    }
}
