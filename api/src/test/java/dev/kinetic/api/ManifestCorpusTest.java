package dev.kinetic.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.crd.CrdSchemaValidator;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest under {@code corpus/} (one Knative documentation scenario each) parses into the model, writes back
 * without losing a field, passes the CRD schema, defaults idempotently, and validates without error.
 */
class ManifestCorpusTest {

    static Path corpus() throws URISyntaxException {
        return Path.of(ManifestCorpusTest.class.getResource("/corpus").toURI());
    }

    static Stream<Named<Path>> manifests() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files
                    .filter(p -> p.toString().endsWith(".yaml"))
                    .sorted()
                    .map(p -> Named.of(p.getFileName().toString(), p))
                    .toList()
                    .stream();
        }
    }

    @Test
    void corpusCoversEveryKind() throws Exception {
        List<String> kinds = manifests()
                .map(n -> Manifests.parse(read(n.getPayload())).getKind())
                .distinct()
                .toList();
        assertThat(manifests().count()).isGreaterThanOrEqualTo(25);
        assertThat(kinds)
                .containsAll(KineticKinds.ALL.stream().map(KindInfo::kind).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void roundTripsWithoutLosingAField(Path file) {
        String yaml = read(file);
        JsonNode original = Manifests.readYamlTree(yaml);
        CustomResource<?, ?> parsed = Manifests.parse(yaml);
        assertThat(Manifests.canonical(Manifests.toTree(parsed))).isEqualTo(Manifests.canonical(original));
        assertThat(Manifests.canonical(Manifests.readYamlTree(Manifests.toYaml(parsed))))
                .isEqualTo(Manifests.canonical(original));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void passesTheCrdSchemaAsWrittenAndDefaulted(Path file) {
        String yaml = read(file);
        KindInfo kind = kindOf(yaml);
        CrdSchemaValidator schema = new CrdSchemaValidator(kind);
        assertThat(schema.validate(Manifests.readYamlTree(yaml))).isEmpty();
        assertThat(schema.validate(Manifests.toTree(defaulted(yaml)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifests")
    void defaultsAreIdempotentAndValidate(Path file) {
        String yaml = read(file);
        KindInfo kind = kindOf(yaml);
        ApiConfig config = ApiConfig.defaults();
        CustomResource<?, ?> once = defaulted(yaml);
        CustomResource<?, ?> twice = defaulted(yaml);
        Admission.setDefaultsAny(kind, twice, config);
        assertThat(Manifests.toTree(twice)).isEqualTo(Manifests.toTree(once));

        Errors errors = Admission.validateAny(kind, once, config);
        assertThat(errors.list()).as(errors.toString()).isEmpty();
        Errors asWritten = Admission.validateAny(kind, Manifests.parse(yaml), config);
        assertThat(asWritten.list()).as(asWritten.toString()).isEmpty();
    }

    static CustomResource<?, ?> defaulted(String yaml) {
        CustomResource<?, ?> resource = Manifests.parse(yaml);
        Admission.setDefaultsAny(kindOf(yaml), resource, ApiConfig.defaults());
        return resource;
    }

    static KindInfo kindOf(String yaml) {
        JsonNode tree = Manifests.readYamlTree(yaml);
        return KineticKinds.find(
                        tree.path("apiVersion").asText(), tree.path("kind").asText())
                .orElseThrow();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
