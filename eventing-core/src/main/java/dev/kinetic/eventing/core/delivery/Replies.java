package dev.kinetic.eventing.core.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * Reads the reply event of a successful response, with Knative's rules: only a {@code 200} carries a reply (a
 * {@code 202} or {@code 204} never does, whatever its body); a 200 with an empty body and no CloudEvents headers has no
 * reply; one that is a CloudEvent in binary mode ({@code ce-specversion} header, even with an empty body) or structured
 * mode ({@code Content-Type: application/cloudevents…}) is the reply; a 200 with any other non-empty body is invalid,
 * and the delivery fails (Knative's Kafka dispatcher sends the event to the dead-letter path).
 */
public final class Replies {
    private Replies() {}

    /** What a response says about a reply. */
    public sealed interface Reply {}

    /** No reply. */
    public record None() implements Reply {}

    /** A reply event. */
    public record Event(CloudEvent event) implements Reply {}

    /** A body that should have been a CloudEvent and is not. */
    public record Invalid(String reason) implements Reply {}

    private static final None NONE = new None();

    /** The reply of a successful response. */
    public static Reply read(int status, MultiMap headers, Buffer body) {
        if (status != 200) {
            return NONE;
        }
        boolean binary = headers.contains("ce-specversion");
        String contentType = headers.get("content-type");
        boolean structured = contentType != null
                && contentType.regionMatches(true, 0, "application/cloudevents", 0, "application/cloudevents".length());
        boolean empty = body == null || body.length() == 0;
        if (empty && !binary) {
            return NONE;
        }
        if (!binary && !structured) {
            return new Invalid(
                    "a 200 response with a body that is not a CloudEvent (Content-Type " + contentType + ")");
        }
        try {
            return new Event(VertxMessageFactory.createReader(headers, empty ? null : body)
                    .toEvent());
        } catch (RuntimeException e) {
            return new Invalid("a 200 response with an invalid CloudEvent: " + e.getMessage());
        }
    }
}
