package dev.kinetic.eventing.core.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CloudEvents 1.0 rules for context attribute values and extension names, shared by the binary and the
 * structured mode. Pure functions; each fault is a {@link Rejection} (400) naming the attribute and, when it is
 * short enough, the offending value.
 */
final class AttributeRules {

    /** The only accepted {@code specversion}. */
    static final String SPEC_VERSION = "1.0";

    /** Attributes every event must have, in the order their absence is reported. */
    static final List<String> REQUIRED = List.of("specversion", "id", "source", "type");

    /** The optional attributes of spec version 1.0; every other name is an extension. */
    static final Set<String> OPTIONAL = Set.of("datacontenttype", "dataschema", "subject", "time");

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");

    /** RFC 3339 {@code date-time}: the ISO parser alone also takes what RFC 3339 forbids (e.g. no seconds). */
    private static final Pattern RFC_3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final int MAX_QUOTED_LENGTH = 80;

    private AttributeRules() {}

    /**
     * Checks the value of a context attribute (required or optional; extensions have no value rules).
     *
     * @param name the attribute's name
     * @param value its string form, never {@code null}
     * @param where how the attribute arrived, e.g. {@code "header ce-time"} or {@code "attribute time"}
     */
    static void checkAttribute(String name, String value, String where) {
        switch (name) {
            case "specversion" -> {
                if (!SPEC_VERSION.equals(value)) {
                    throw Rejection.badRequest("unsupported specversion " + quote(value) + " (" + where + "): only "
                            + SPEC_VERSION + " is accepted");
                }
            }
            case "id", "type", "subject", "datacontenttype" -> requireNonEmpty(name, value, where);
            case "source" -> {
                requireNonEmpty(name, value, where);
                parseUri(name, value, where);
            }
            case "dataschema" -> {
                requireNonEmpty(name, value, where);
                if (!parseUri(name, value, where).isAbsolute()) {
                    throw Rejection.badRequest(
                            "attribute dataschema (" + where + ") must be an absolute URI, got " + quote(value));
                }
            }
            case "time" -> checkTime(value, where);
            default -> {
                // An extension: any string is a valid value.
            }
        }
    }

    /**
     * Checks an extension's name: lower-case ASCII letters and digits only.
     *
     * @param name the name as received (a header's name without {@code ce-}, already lower-cased)
     * @param where how it arrived, for the message
     */
    static void checkExtensionName(String name, String where) {
        if (!EXTENSION_NAME.matcher(name).matches()) {
            throw Rejection.badRequest("invalid extension name " + quote(name) + " (" + where
                    + "): CloudEvents attribute names consist of lower-case letters a-z and digits 0-9 only");
        }
    }

    static boolean isContextAttribute(String name) {
        return REQUIRED.contains(name) || OPTIONAL.contains(name);
    }

    /** A value for a message: quoted, and cut when long so that a message stays one readable line. */
    static String quote(String value) {
        String shown = value.length() > MAX_QUOTED_LENGTH ? value.substring(0, MAX_QUOTED_LENGTH) + "..." : value;
        return "'" + shown + "'";
    }

    private static void requireNonEmpty(String name, String value, String where) {
        if (value.isEmpty()) {
            throw Rejection.badRequest("attribute " + name + " (" + where + ") must not be empty");
        }
    }

    private static URI parseUri(String name, String value, String where) {
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw Rejection.badRequest("attribute " + name + " (" + where + ") is not a valid URI: " + e.getReason()
                    + " at index " + e.getIndex() + " of " + quote(value));
        }
    }

    private static void checkTime(String value, String where) {
        if (RFC_3339.matcher(value).matches()) {
            try {
                OffsetDateTime.parse(value.toUpperCase(Locale.ROOT));
                return;
            } catch (DateTimeParseException e) {
                // Falls through: the shape is right but a field is out of range (month 13, hour 25...).
            }
        }
        throw Rejection.badRequest("attribute time (" + where + ") is not an RFC 3339 timestamp: " + quote(value)
                + " (expected e.g. 2026-11-03T10:15:30Z)");
    }
}
