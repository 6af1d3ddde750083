package dev.kinetic.eventing.core.delivery;

import io.cloudevents.CloudEvent;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a delivery ended. Whatever the kind, the caller commits the event's offset (at-least-once, as Knative's Kafka
 * dispatcher): a DROPPED event is counted and logged, not retried for ever.
 *
 * @param kind delivered, dead-lettered or dropped
 * @param reply the subscriber's reply event (only when DELIVERED with a 200 carrying a CloudEvent)
 * @param lastStatus the status of the last HTTP response (the dead-letter sink's after dead-lettering); empty when
 *     the last attempt got no response
 * @param attempts how many HTTP attempts were made in all, to the destination and to the dead-letter sink
 * @param destinationStatus the status of the destination's last response; empty when it never answered
 * @param failure why the destination failed, or {@code null} when DELIVERED
 */
public record DeliveryOutcome(
        Kind kind,
        Optional<CloudEvent> reply,
        OptionalInt lastStatus,
        int attempts,
        OptionalInt destinationStatus,
        String failure) {
    /** How a delivery ended. */
    public enum Kind {
        /** The destination accepted the event. */
        DELIVERED,
        /** The destination failed it and the dead-letter sink accepted it. */
        DEAD_LETTERED,
        /** The destination failed it and there is no dead-letter sink, or that failed too. */
        DROPPED
    }

    public DeliveryOutcome {
        reply = reply == null ? Optional.empty() : reply;
        lastStatus = lastStatus == null ? OptionalInt.empty() : lastStatus;
        destinationStatus = destinationStatus == null ? OptionalInt.empty() : destinationStatus;
    }
}
