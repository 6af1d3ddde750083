package dev.kinetic.api.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The RFC 6902 JSON Patch that turns one JSON document into another, as the mutating webhook answers it. Pure and
 * minimal enough: objects are compared key by key, arrays index by index (extra elements added at the end or
 * removed from the end), anything else that differs is replaced.
 */
public final class JsonPatch {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonPatch() {}

    /** The operations that, applied to {@code source}, yield {@code target}; empty when they are equal. */
    public static ArrayNode diff(JsonNode source, JsonNode target) {
        ArrayNode operations = NODES.arrayNode();
        diff("", source, target, operations);
        return operations;
    }

    /** A reference token of a JSON Pointer: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
    public static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static void diff(String path, JsonNode source, JsonNode target, ArrayNode operations) {
        if (source.equals(target)) {
            return;
        }
        if (source.isObject() && target.isObject()) {
            diffObjects(path, source, target, operations);
        } else if (source.isArray() && target.isArray()) {
            diffArrays(path, source, target, operations);
        } else {
            operations.add(operation("replace", path, target));
        }
    }

    private static void diffObjects(String path, JsonNode source, JsonNode target, ArrayNode operations) {
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            String name = field.getKey();
            if (!target.has(name)) {
                operations.add(operation("remove", path + "/" + escape(name), null));
            }
        }
        for (Map.Entry<String, JsonNode> field : target.properties()) {
            String child = path + "/" + escape(field.getKey());
            JsonNode before = source.get(field.getKey());
            if (before == null) {
                operations.add(operation("add", child, field.getValue()));
            } else {
                diff(child, before, field.getValue(), operations);
            }
        }
    }

    private static void diffArrays(String path, JsonNode source, JsonNode target, ArrayNode operations) {
        int common = Math.min(source.size(), target.size());
        for (int i = 0; i < common; i++) {
            diff(path + "/" + i, source.get(i), target.get(i), operations);
        }
        for (int i = common; i < target.size(); i++) {
            operations.add(operation("add", path + "/" + i, target.get(i)));
        }
        // From the end, so each index is still the one meant when the operation runs.
        for (int i = source.size() - 1; i >= target.size(); i--) {
            operations.add(operation("remove", path + "/" + i, null));
        }
    }

    private static ObjectNode operation(String op, String path, JsonNode value) {
        ObjectNode operation = NODES.objectNode().put("op", op).put("path", path);
        if (value != null) {
            operation.set("value", value.deepCopy());
        }
        return operation;
    }
}
