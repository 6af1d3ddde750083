package dev.kinetic.eventing.core.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Reply-loop protection with the {@code knativebrokerttl} extension, as Knative's channel-based broker does it and
 * its Kafka broker does not: an event that enters the broker has a time-to-live (255 unless it carries one); the
 * dispatcher strips the extension before calling a subscriber and gives the subscriber's reply the original's TTL
 * minus one; a reply whose TTL would reach 0 is dropped (and counted) instead of being produced, so a subscriber that
 * answers every event with another matching event stops after 255 rounds instead of looping for ever.
 *
 * <p>Pure functions of the event.
 */
public final class BrokerTtl {
    /** The extension's name. */
    public static final String EXTENSION = "knativebrokerttl";

    /** The TTL of an event that carries none. */
    public static final int DEFAULT = 255;

    private BrokerTtl() {}

    /** What the receiver makes of an incoming event's TTL. */
    public sealed interface Check {}

    /** The event may enter, with this TTL. */
    public record Accept(int ttl) implements Check {}

    /** The event must be refused with 400, for this reason. */
    public record Reject(String message) implements Check {}

    /**
     * Checks an incoming event: no extension means {@link #DEFAULT}; a value that is not an integer, or is 0 or less,
     * is refused (a producer must not send an exhausted event).
     */
    public static Check check(CloudEvent event) {
        Object value = event.getExtension(EXTENSION);
        if (value == null) {
            return new Accept(DEFAULT);
        }
        Integer ttl = parse(value);
        if (ttl == null) {
            return new Reject("extension " + EXTENSION + " must be an integer, got '" + value + "'");
        }
        if (ttl <= 0) {
            return new Reject("extension " + EXTENSION + " is " + ttl + ": the event has used up its time to live"
                    + " (a reply loop?)");
        }
        return new Accept(ttl);
    }

    /** The TTL an event carries, {@link #DEFAULT} when it carries none or an unreadable one. */
    public static int of(CloudEvent event) {
        Object value = event.getExtension(EXTENSION);
        Integer ttl = value == null ? null : parse(value);
        return ttl == null ? DEFAULT : ttl;
    }

    /** The event without the extension, as a subscriber gets it. */
    public static CloudEvent strip(CloudEvent event) {
        if (event.getExtension(EXTENSION) == null) {
            return event;
        }
        return CloudEventBuilder.from(event).withoutExtension(EXTENSION).build();
    }

    /**
     * The reply to produce for an event with TTL {@code originalTtl}: the reply carrying {@code originalTtl - 1}, or
     * {@code null} when that is 0 or less and the reply must be dropped.
     */
    public static CloudEvent reply(CloudEvent reply, int originalTtl) {
        int ttl = originalTtl - 1;
        if (ttl <= 0) {
            return null;
        }
        return CloudEventBuilder.from(reply).withExtension(EXTENSION, ttl).build();
    }

    private static Integer parse(Object value) {
        if (value instanceof Number number) {
            long n = number.longValue();
            return n > Integer.MAX_VALUE || n < Integer.MIN_VALUE ? null : (int) n;
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
