package dev.kinetic.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.crd.CrdSchemaValidator;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One manifest per rejection rule. Each file under {@code invalid/} starts with comment lines naming the rule, the
 * field path and the exact message the webhook must answer with; it is defaulted and validated as the webhook does.
 * Each file under {@code schema-invalid/} is a mistyped manifest the CRD schema must reject.
 */
class InvalidManifestsTest {

    static Stream<Named<Path>> files(String folder) throws IOException, URISyntaxException {
        Path dir = Path.of(InvalidManifestsTest.class.getResource("/" + folder).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .filter(p -> p.toString().endsWith(".yaml"))
                    .sorted()
                    .map(p -> Named.of(p.getFileName().toString(), p))
                    .toList()
                    .stream();
        }
    }

    static Stream<Named<Path>> invalid() throws IOException, URISyntaxException {
        return files("invalid");
    }

    static Stream<Named<Path>> schemaInvalid() throws IOException, URISyntaxException {
        return files("schema-invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectedWithPathAndMessage(Path file) {
        String yaml = ManifestCorpusTest.read(file);
        Map<String, String> expected = header(yaml);
        assertThat(expected).containsKeys("rule", "path", "message");

        CustomResource<?, ?> resource = Manifests.parse(yaml);
        KindInfo kind = KineticKinds.of(resource.getClass());
        ApiConfig config = ApiConfig.defaults();
        Admission.setDefaultsAny(kind, resource, config);
        Errors errors = Admission.validateAny(kind, resource, config);

        assertThat(errors.list())
                .as(
                        "%s: expected \"%s\" at %s, got:%n%s",
                        expected.get("rule"), expected.get("message"), expected.get("path"), errors)
                .anySatisfy(e -> {
                    assertThat(e.message()).isEqualTo(expected.get("message"));
                    assertThat(e.paths()).contains(expected.get("path"));
                });
        // The rule's own error, not a side effect of a broken sample: every error names the same field.
        assertThat(errors.list()).extracting(FieldError::message).allMatch(m -> !m.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaInvalid")
    void rejectedByTheCrdSchema(Path file) {
        String yaml = ManifestCorpusTest.read(file);
        String error = header(yaml).get("error");
        var tree = Manifests.readYamlTree(yaml);
        KindInfo kind = KineticKinds.find(
                        tree.path("apiVersion").asText(), tree.path("kind").asText())
                .orElseThrow();
        assertThat(new CrdSchemaValidator(kind).validate(tree)).contains(error);
    }

    static Map<String, String> header(String yaml) {
        Map<String, String> header = new HashMap<>();
        for (String line : yaml.split("\n")) {
            if (!line.startsWith("# ")) {
                break;
            }
            int colon = line.indexOf(':');
            header.put(
                    line.substring(2, colon).trim(), line.substring(colon + 1).trim());
        }
        return header;
    }
}
