package dev.kinetic.serving.controller.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinetic.api.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

/** AdmissionReview requests as the API server sends them, and what tests read from the answers. */
final class Reviews {
    /** The api module's manifests, read where they are rather than copied. */
    static final Path API_TEST_RESOURCES = Path.of("..", "api", "src", "test", "resources");

    private Reviews() {}

    static JsonNode yaml(String yaml) {
        return Manifests.canonical(Manifests.readYamlTree(yaml));
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode file(String relative) {
        return yaml(read(API_TEST_RESOURCES.resolve(relative)));
    }

    static String create(JsonNode object, String username) {
        return review("CREATE", object, null, username);
    }

    static String update(JsonNode old, JsonNode object, String username) {
        return review("UPDATE", object, old, username);
    }

    static String review(String operation, JsonNode object, JsonNode old, String username) {
        JsonNode typed = object != null ? object : old;
        String apiVersion = typed.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("uid", UUID.randomUUID().toString());
        ObjectNode kind = request.putObject("kind");
        kind.put("group", slash < 0 ? "" : apiVersion.substring(0, slash));
        kind.put("version", apiVersion.substring(slash + 1));
        kind.put("kind", typed.path("kind").asText());
        request.put("operation", operation);
        request.put("name", typed.path("metadata").path("name").asText());
        request.put("namespace", typed.path("metadata").path("namespace").asText("default"));
        request.putObject("userInfo").put("username", username);
        request.set("object", object == null ? JsonNodeFactory.instance.nullNode() : object);
        request.set("oldObject", old == null ? JsonNodeFactory.instance.nullNode() : old);
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        review.set("request", request);
        return review.toString();
    }

    static String uid(String review) {
        try {
            return Manifests.json().readTree(review).path("request").path("uid").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON Patch of a mutating answer, decoded; an empty patch when there is none. */
    static JsonNode patch(JsonNode response) {
        if (!response.has("patch")) {
            return JsonNodeFactory.instance.arrayNode();
        }
        try {
            return Manifests.json()
                    .readTree(Base64.getDecoder().decode(response.path("patch").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
