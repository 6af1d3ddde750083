package dev.kinetic.serving.controller.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small RFC 6902 applier (add, replace, remove) for the tests, written independently of {@link JsonPatch} so a
 * patch is checked by what it does to the document, as the API server applies it.
 */
final class JsonPatches {
    private JsonPatches() {}

    static JsonNode apply(JsonNode document, JsonNode operations) {
        JsonNode result = document.deepCopy();
        for (JsonNode operation : operations) {
            result = apply(
                    result,
                    operation.path("op").asText(),
                    operation.path("path").asText(),
                    operation.get("value"));
        }
        return result;
    }

    private static JsonNode apply(JsonNode root, String op, String path, JsonNode value) {
        if (path.isEmpty()) {
            if (op.equals("remove")) {
                throw new IllegalArgumentException("cannot remove the root");
            }
            return value.deepCopy();
        }
        int slash = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, slash));
        String token = path.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        if (parent instanceof ObjectNode object) {
            if (!op.equals("add") && !object.has(token)) {
                throw new IllegalArgumentException(op + " of a missing member: " + path);
            }
            if (op.equals("remove")) {
                object.remove(token);
            } else {
                object.set(token, value.deepCopy());
            }
        } else if (parent instanceof ArrayNode array) {
            int index = token.equals("-") ? array.size() : Integer.parseInt(token);
            switch (op) {
                case "add" -> array.insert(index, value.deepCopy());
                case "replace" -> array.set(index, value.deepCopy());
                case "remove" -> array.remove(index);
                default -> throw new IllegalArgumentException("unsupported op " + op);
            }
        } else {
            throw new IllegalArgumentException("no container at " + path);
        }
        return root;
    }
}
