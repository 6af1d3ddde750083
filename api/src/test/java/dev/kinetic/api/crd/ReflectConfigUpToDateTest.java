package dev.kinetic.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.KineticKinds;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.serving.v1.RevisionSpec;
import dev.kinetic.api.serving.v1.Service;
import dev.kinetic.api.serving.v1.TrafficTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The GraalVM reflection configuration shipped in the api jar lists exactly the model classes. After changing the
 * model, regenerate it with {@code ./mvnw -pl api test -Dkinetic.crds.update=true}.
 */
class ReflectConfigUpToDateTest {
    private static final Path FILE =
            Path.of("src/main/resources/META-INF/native-image/dev.kinetic/kinetic-api/reflect-config.json");

    @Test
    void reachesTheWholeModel() {
        var classes = ModelClasses.reachableFrom(KineticKinds.ALL);
        assertThat(classes).contains(Service.class, RevisionSpec.class, TrafficTarget.class);
        assertThat(classes).allMatch(c -> c.getName().startsWith("dev.kinetic.api."));
    }

    @Test
    void shippedConfigMatchesTheModel() throws IOException {
        String generated = Manifests.json()
                        .writerWithDefaultPrettyPrinter()
                        .writeValueAsString(ModelClasses.reflectConfig(ModelClasses.reachableFrom(KineticKinds.ALL)))
                + "\n";
        if (Boolean.getBoolean("kinetic.crds.update")) {
            Files.writeString(FILE, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("%s drifted from the model: regenerate with -Dkinetic.crds.update=true", FILE)
                .isEqualTo(generated);
    }
}
