package dev.kinetic.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.kinetic.api.KindInfo;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a resource against its CRD's openAPIV3Schema as an API server with strict field validation (kubectl's
 * default) does: wrong types are errors, and so are fields an object does not declare unless it preserves unknown
 * fields.
 */
public final class CrdSchemaValidator {
    private final JsonSchema schema;

    public CrdSchemaValidator(KindInfo kind) {
        this(CrdGenerator.rootSchema(kind));
    }

    public CrdSchemaValidator(ObjectNode openApiV3Schema) {
        ObjectNode strict = openApiV3Schema.deepCopy();
        forbidUndeclaredFields(strict);
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict);
    }

    /** Every violation as {@code path: message}; empty when the resource is valid. */
    public List<String> validate(JsonNode resource) {
        return schema.validate(resource).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }

    private static void forbidUndeclaredFields(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            object.put("additionalProperties", false);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("properties")) {
                e.getValue().elements().forEachRemaining(CrdSchemaValidator::forbidUndeclaredFields);
            } else if (e.getKey().equals("items") || e.getKey().equals("additionalProperties")) {
                forbidUndeclaredFields(e.getValue());
            }
        }
    }
}
