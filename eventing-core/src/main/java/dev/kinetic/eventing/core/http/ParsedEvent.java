package dev.kinetic.eventing.core.http;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import java.util.Objects;

/** What {@link IncomingEvents#parse} made of a request: the event, or why it is not one. */
public sealed interface ParsedEvent {

    /**
     * A valid CloudEvent.
     *
     * @param event the decoded event, spec version 1.0
     * @param encoding how it arrived: {@link Encoding#BINARY} or {@link Encoding#STRUCTURED}
     */
    record Valid(CloudEvent event, Encoding encoding) implements ParsedEvent {
        public Valid {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(encoding, "encoding");
        }
    }

    /**
     * Not a valid CloudEvent.
     *
     * @param status the HTTP status to answer with: 400 for a malformed event, 415 for an encoding or format that is
     *     not accepted
     * @param message what exactly is wrong, for the response body and the logs
     */
    record Invalid(int status, String message) implements ParsedEvent {
        public Invalid {
            Objects.requireNonNull(message, "message");
        }
    }
}
