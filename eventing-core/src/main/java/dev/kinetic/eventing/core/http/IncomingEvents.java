package dev.kinetic.eventing.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an HTTP request's headers and body into a CloudEvent, or into the status and message to refuse it with.
 *
 * <p>The CloudEvents SDK ({@link VertxMessageFactory}, with the Jackson JSON format) decodes the event. Before it
 * does, this class checks what the SDK accepts silently or reports vaguely, so that every fault is answered with a
 * message that names the header or attribute and what is wrong with it:
 *
 * <ul>
 *   <li><b>Mode</b>, from the {@code Content-Type} media type (case-insensitive, parameters ignored): {@code
 *       application/cloudevents-batch…} is refused with 415 (batches are not accepted, as with Knative's brokers);
 *       {@code application/cloudevents+json} is structured mode; any other {@code application/cloudevents…} (an
 *       event format this receiver does not know, such as {@code +avro}, or no format at all) is refused with 415.
 *       The spec allows forwarding such a message as binary instead, but it carries no {@code ce-} headers, so that
 *       would only turn a clear 415 into a puzzling 400 about a missing {@code specversion}. Anything else, or no
 *       {@code Content-Type}, is binary mode.
 *   <li><b>Binary mode</b>: every {@code ce-} header is an attribute (header names are case-insensitive; the
 *       attribute name is the lower-cased rest). Its value is unquoted if double-quoted and percent-decoded to UTF-8
 *       ({@link HeaderValues}); a broken {@code %}-escape or invalid UTF-8 is a 400. A {@code ce-} header given
 *       twice is a 400. The data's content type is {@code Content-Type}. The spec says a sender must not send {@code
 *       ce-datacontenttype} in binary mode; when one comes anyway it is ignored if there is a {@code Content-Type}
 *       (which describes the body) and used only when there is none, so that events from lax senders are not lost.
 *   <li><b>Structured mode</b>: the body must be one JSON object (no duplicate keys, nothing after it); {@code ce-}
 *       headers are ignored. Context attributes must be JSON strings; extensions strings, integers or booleans;
 *       {@code data} and {@code data_base64} exclusive, the latter valid base64.
 *   <li><b>Both modes</b>: {@code specversion}, {@code id}, {@code source}, {@code type} are required; only {@code
 *       specversion} 1.0 is accepted (0.3 was superseded in 2019 and the rest of Kinetic speaks 1.0); {@code id},
 *       {@code source}, {@code type}, {@code subject}, {@code datacontenttype} must not be empty; {@code source}
 *       must be a URI reference, {@code dataschema} an absolute URI, {@code time} an RFC 3339 timestamp; extension
 *       names are {@code [a-z0-9]+}.
 * </ul>
 *
 * <p>{@link #parse} never throws: an unexpected failure of the SDK is a 400 with the SDK's message. It does no I/O
 * and may run on an event loop. Thread-safe.
 */
public final class IncomingEvents {

    private static final String BATCH_PREFIX = "application/cloudevents-batch";
    private static final String STRUCTURED_PREFIX = "application/cloudevents";
    private static final String CE_PREFIX = "ce-";

    /** Strict reading of a structured body: duplicate keys and trailing content are malformed JSON. */
    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private IncomingEvents() {}

    /**
     * Parses a request.
     *
     * @param headers the request's headers
     * @param body the request's body, {@code null} or empty when there is none
     * @return the event, or the status (400 or 415) and message to answer with
     */
    public static ParsedEvent parse(MultiMap headers, Buffer body) {
        try {
            String contentType = headers.get(HttpHeaders.CONTENT_TYPE);
            String mediaType = mediaType(contentType);
            if (mediaType.startsWith(BATCH_PREFIX)) {
                throw Rejection.unsupportedMediaType("batched CloudEvents (Content-Type " + contentType
                        + ") are not accepted: send one event per request, in binary or structured mode");
            }
            if (mediaType.startsWith(STRUCTURED_PREFIX)) {
                if (!mediaType.equals(JsonFormat.CONTENT_TYPE)) {
                    throw Rejection.unsupportedMediaType("unsupported CloudEvents event format in Content-Type "
                            + contentType + ": only structured mode with " + JsonFormat.CONTENT_TYPE
                            + ", or binary mode, is accepted");
                }
                return structured(body);
            }
            return binary(headers, contentType, body);
        } catch (Rejection rejection) {
            return new ParsedEvent.Invalid(rejection.status(), rejection.getMessage());
        } catch (RuntimeException unexpected) {
            // The checks above should leave nothing for the SDK to refuse; if it still does, its word is the reason.
            return new ParsedEvent.Invalid(400, "invalid CloudEvent: " + unexpected.getMessage());
        }
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    private static ParsedEvent binary(MultiMap headers, String contentType, Buffer body) {
        MultiMap decoded = MultiMap.caseInsensitiveMultiMap();
        String ceDataContentType = null;
        for (Map.Entry<String, String> header : headers) {
            String key = header.getKey();
            if (key.length() < CE_PREFIX.length() || !key.regionMatches(true, 0, CE_PREFIX, 0, CE_PREFIX.length())) {
                continue;
            }
            String name = key.substring(CE_PREFIX.length()).toLowerCase(Locale.ROOT);
            String headerName = CE_PREFIX + name;
            if (decoded.contains(headerName) || (name.equals("datacontenttype") && ceDataContentType != null)) {
                throw Rejection.badRequest("header " + headerName + " is given more than once");
            }
            String where = "header " + headerName;
            if (!AttributeRules.isContextAttribute(name)) {
                AttributeRules.checkExtensionName(name, where);
            }
            String value = HeaderValues.decode(headerName, header.getValue());
            AttributeRules.checkAttribute(name, value, where);
            if (name.equals("datacontenttype")) {
                ceDataContentType = value;
            } else {
                decoded.add(headerName, value);
            }
        }
        for (String required : AttributeRules.REQUIRED) {
            if (!decoded.contains(CE_PREFIX + required)) {
                throw Rejection.badRequest(missingInBinaryMode(required, contentType));
            }
        }
        if (contentType != null) {
            AttributeRules.checkAttribute("datacontenttype", contentType.trim(), "header Content-Type");
            decoded.add(HttpHeaders.CONTENT_TYPE, contentType);
        } else if (ceDataContentType != null) {
            decoded.add(HttpHeaders.CONTENT_TYPE, ceDataContentType);
        }
        Buffer data = body == null ? Buffer.buffer() : body;
        CloudEvent event = VertxMessageFactory.createReader(decoded, data).toEvent();
        return new ParsedEvent.Valid(event, Encoding.BINARY);
    }

    private static String missingInBinaryMode(String attribute, String contentType) {
        String message = "missing required attribute " + attribute + " (header " + CE_PREFIX + attribute + ")";
        if (attribute.equals("specversion")) {
            message += contentType == null
                    ? "; without a Content-Type this is read as a binary-mode CloudEvent"
                    : "; Content-Type " + contentType + " is not a structured event format, so this is read as a"
                            + " binary-mode CloudEvent";
        }
        return message;
    }

    private static ParsedEvent structured(Buffer body) {
        if (body == null || body.length() == 0) {
            throw Rejection.badRequest("structured-mode CloudEvent with an empty body: expected a JSON object");
        }
        JsonNode root;
        try {
            root = STRICT_JSON.readTree(body.getBytes());
        } catch (JsonProcessingException e) {
            throw Rejection.badRequest(
                    "malformed JSON in structured-mode CloudEvent: " + e.getOriginalMessage() + locationOf(e));
        } catch (IOException e) {
            throw Rejection.badRequest("unreadable structured-mode CloudEvent: " + e.getMessage());
        }
        checkStructured(root);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(HttpHeaders.CONTENT_TYPE, JsonFormat.CONTENT_TYPE);
        CloudEvent event = VertxMessageFactory.createReader(headers, body).toEvent();
        return new ParsedEvent.Valid(event, Encoding.STRUCTURED);
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    /** The JSON event format's rules, on the parsed tree. */
    private static void checkStructured(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw Rejection.badRequest("structured-mode CloudEvent must be a JSON object, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        for (String required : AttributeRules.REQUIRED) {
            if (!root.has(required)) {
                throw Rejection.badRequest(
                        "missing required attribute " + required + " (JSON member \"" + required + "\")");
            }
        }
        if (root.has("data") && root.has("data_base64")) {
            throw Rejection.badRequest(
                    "structured-mode CloudEvent has both \"data\" and \"data_base64\"; at most one" + " is allowed");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            String where = "JSON member \"" + name + "\"";
            if (name.equals("data")) {
                continue;
            }
            if (name.equals("data_base64")) {
                checkBase64(value);
            } else if (AttributeRules.isContextAttribute(name)) {
                if (!value.isTextual()) {
                    throw Rejection.badRequest("attribute " + name + " (" + where + ") must be a JSON string, got "
                            + value.getNodeType().toString().toLowerCase(Locale.ROOT));
                }
                AttributeRules.checkAttribute(name, value.textValue(), where);
            } else {
                AttributeRules.checkExtensionName(name, where);
                if (!(value.isTextual() || value.isBoolean() || value.isIntegralNumber())) {
                    throw Rejection.badRequest("extension " + name + " (" + where + ") must be a string, an integer"
                            + " or a boolean, got "
                            + value.getNodeType().toString().toLowerCase(Locale.ROOT)
                            + (value.isNumber() ? " with a fraction" : ""));
                }
            }
        }
    }

    private static void checkBase64(JsonNode value) {
        if (!value.isTextual()) {
            throw Rejection.badRequest("\"data_base64\" must be a JSON string of base64, got "
                    + value.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        try {
            Base64.getDecoder().decode(value.textValue());
        } catch (IllegalArgumentException e) {
            throw Rejection.badRequest("\"data_base64\" is not valid base64: " + e.getMessage());
        }
    }
}
