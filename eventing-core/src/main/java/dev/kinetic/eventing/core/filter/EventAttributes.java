package dev.kinetic.eventing.core.filter;

import io.cloudevents.CloudEvent;
import io.cloudevents.types.Time;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * Reads an event's attribute as a string, the way it travels on the wire, for the attribute-matching dialects: the
 * context attributes by name ({@code time} in RFC 3339, URIs as written) and otherwise the extension of that name
 * (binary values in base64, timestamps in RFC 3339, others as {@code toString()}).
 */
public final class EventAttributes {
    private EventAttributes() {}

    /** The attribute's value, or {@code null} when the event does not carry it. Names are case-sensitive. */
    public static String lookup(CloudEvent event, String name) {
        return switch (name) {
            case "specversion" ->
                event.getSpecVersion() == null ? null : event.getSpecVersion().toString();
            case "id" -> event.getId();
            case "type" -> event.getType();
            case "source" -> string(event.getSource());
            case "datacontenttype" -> event.getDataContentType();
            case "dataschema" -> string(event.getDataSchema());
            case "subject" -> event.getSubject();
            case "time" -> event.getTime() == null ? null : Time.writeTime(event.getTime());
            default -> stringify(event.getExtension(name));
        };
    }

    private static String string(URI uri) {
        return uri == null ? null : uri.toString();
    }

    private static String stringify(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof OffsetDateTime time) {
            return Time.writeTime(time);
        }
        return value.toString();
    }
}
