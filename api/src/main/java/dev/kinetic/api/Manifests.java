package dev.kinetic.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Knative manifests as our typed model. Parsing is strict: a field the model does not know is an
 * error rather than silently dropped, so what is read can always be written back unchanged.
 */
public final class Manifests {
    private static final ObjectMapper JSON = configure(new ObjectMapper());
    private static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)));

    private Manifests() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** The JSON mapper the model is (de)serialised with. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Parses one YAML or JSON document into the model class its apiVersion and kind name. */
    public static CustomResource<?, ?> parse(String yaml) {
        try {
            return fromTree(YAML.readTree(yaml));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a YAML document: " + e.getMessage(), e);
        }
    }

    /** Parses every document of a multi-document YAML stream. */
    public static List<CustomResource<?, ?>> parseAll(String yaml) {
        List<CustomResource<?, ?>> resources = new ArrayList<>();
        try (var parser = YAML.getFactory().createParser(yaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    resources.add(fromTree(document));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a YAML stream: " + e.getMessage(), e);
        }
        return resources;
    }

    /** Converts a JSON tree into the model class its apiVersion and kind name. */
    public static CustomResource<?, ?> fromTree(JsonNode tree) {
        String apiVersion = tree.path("apiVersion").asText();
        String kind = tree.path("kind").asText();
        KindInfo info = KineticKinds.find(apiVersion, kind)
                .orElseThrow(() -> new IllegalArgumentException("unknown kind " + kind + " in " + apiVersion));
        return convert(tree, info.type());
    }

    public static <T> T convert(JsonNode tree, Class<T> type) {
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
    }

    /**
     * The same tree with numbers in their smallest node type, so a tree read from YAML and one written from the
     * model compare equal when their content is equal ({@code 100} read as int, written from a long).
     */
    public static JsonNode canonical(JsonNode tree) {
        try {
            return JSON.readTree(JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Object value) {
        return JSON.valueToTree(value);
    }

    /** A deep copy through JSON, for comparing or changing without touching the original. */
    public static <T> T copy(T value, Class<T> type) {
        return convert(toTree(value), type);
    }

    public static String toYaml(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode readYamlTree(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
