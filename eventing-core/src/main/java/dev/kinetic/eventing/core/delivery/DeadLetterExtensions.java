package dev.kinetic.eventing.core.delivery;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a dead-letter sink receives: the original event with extensions saying why it failed, as Knative's Kafka
 * dispatcher adds them.
 *
 * <ul>
 *   <li>{@code knativeerrordest}: the URL that failed, always;
 *   <li>{@code knativeerrorcode}: the last HTTP status as a string, only when there was a response;
 *   <li>{@code knativeerrordata}: base64 of the response body cut to its first {@value #MAX_ERROR_DATA_BYTES} bytes,
 *       only when the body is not empty;
 *   <li>every response header {@code kne-<name>} (any case) as the extension {@code <name>} lower-cased, so that a
 *       subscriber can annotate its failures; names that are not valid extension names ({@code [a-z0-9]+}), and the
 *       names of context attributes and of the three extensions above, are skipped.
 * </ul>
 */
public final class DeadLetterExtensions {
    /** The failed URL. */
    public static final String DESTINATION = "knativeerrordest";
    /** The last status. */
    public static final String CODE = "knativeerrorcode";
    /** The response body in base64. */
    public static final String DATA = "knativeerrordata";
    /** How much of the body {@link #DATA} carries, before base64. */
    public static final int MAX_ERROR_DATA_BYTES = 1024;

    private static final String HEADER_PREFIX = "kne-";
    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9]+");
    private static final Set<String> RESERVED = Set.of(
            "specversion",
            "id",
            "source",
            "type",
            "datacontenttype",
            "dataschema",
            "subject",
            "time",
            "data",
            "data_base64",
            DESTINATION,
            CODE,
            DATA);

    private DeadLetterExtensions() {}

    /**
     * The event to send to the dead-letter sink.
     *
     * @param original the event that could not be delivered
     * @param failedUrl the destination that refused it
     * @param status the last response's status, or {@code null} when there was no response
     * @param responseBody the last response's body, or {@code null}
     * @param responseHeaders the last response's headers (empty when there was no response)
     */
    public static CloudEvent apply(
            CloudEvent original,
            String failedUrl,
            Integer status,
            byte[] responseBody,
            Iterable<Map.Entry<String, String>> responseHeaders) {
        CloudEventBuilder builder = CloudEventBuilder.from(original);
        if (responseHeaders != null) {
            for (Map.Entry<String, String> header : responseHeaders) {
                String extension = extensionName(header.getKey());
                if (extension != null && header.getValue() != null) {
                    builder.withExtension(extension, header.getValue());
                }
            }
        }
        builder.withExtension(DESTINATION, String.valueOf(failedUrl));
        if (status != null) {
            builder.withExtension(CODE, Integer.toString(status));
        }
        if (responseBody != null && responseBody.length > 0) {
            byte[] cut = responseBody.length > MAX_ERROR_DATA_BYTES
                    ? Arrays.copyOf(responseBody, MAX_ERROR_DATA_BYTES)
                    : responseBody;
            builder.withExtension(DATA, Base64.getEncoder().encodeToString(cut));
        }
        return builder.build();
    }

    /** The extension a response header becomes, or null when it becomes none. */
    static String extensionName(String header) {
        if (header == null
                || header.length() <= HEADER_PREFIX.length()
                || !header.regionMatches(true, 0, HEADER_PREFIX, 0, HEADER_PREFIX.length())) {
            return null;
        }
        String name = header.substring(HEADER_PREFIX.length()).toLowerCase(Locale.ROOT);
        return EXTENSION_NAME.matcher(name).matches() && !RESERVED.contains(name) ? name : null;
    }
}
