package dev.kinetic.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.KindInfo;
import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.crd.CrdGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs we ship are exactly what the model generates. After changing the model, regenerate them with
 * {@code ./mvnw -pl api,deploy install -Dkinetic.crds.update=true} and commit the result.
 */
class CrdsUpToDateTest {
    private static final Path CRDS = Path.of("crds");
    private static final boolean UPDATE = Boolean.getBoolean("kinetic.crds.update");

    static Stream<KindInfo> kinds() {
        return KineticKinds.ALL.stream();
    }

    static Path fileOf(KindInfo kind) {
        return CRDS.resolve(kind.crdName() + ".yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void shippedCrdMatchesTheModel(KindInfo kind) throws IOException {
        String generated = CrdGenerator.crdYaml(kind);
        Path file = fileOf(kind);
        if (UPDATE) {
            Files.createDirectories(CRDS);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertThat(file)
                .as("CRD file for %s (regenerate with -Dkinetic.crds.update=true)", kind.kind())
                .exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("%s drifted from the model: regenerate with -Dkinetic.crds.update=true", file)
                .isEqualTo(generated);
    }

    @Test
    void noStaleCrdFiles() throws IOException {
        Set<String> expected =
                kinds().map(k -> fileOf(k).getFileName().toString()).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(CRDS)) {
            Set<String> present = files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
            if (UPDATE) {
                for (String stale : present) {
                    if (!expected.contains(stale)) {
                        Files.delete(CRDS.resolve(stale));
                    }
                }
                return;
            }
            assertThat(present).containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
