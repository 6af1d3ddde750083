package dev.kinetic.eventing.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the test resources' copy of the CESQL TCK identical to the shared one ({@code shared/conformance/cesql-tck},
 * beside the repository in our workspace; absent in CI, where this test is skipped).
 */
class CesqlTckCopyTest {
    private static final Path SHARED = Path.of("../../shared/conformance/cesql-tck");
    private static final Path COPY = Path.of("src/test/resources/cesql-tck");

    @Test
    void copyIsByteIdenticalToTheSharedTck() throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "no shared TCK at " + SHARED.toAbsolutePath());
        List<String> shared = names(SHARED);
        assertThat(shared).contains("LICENSE", "README.md", "SOURCE.md").hasSizeGreaterThan(18);
        assertThat(names(COPY)).isEqualTo(shared);
        for (String name : shared) {
            assertThat(Files.readAllBytes(COPY.resolve(name)))
                    .as(name)
                    .isEqualTo(Files.readAllBytes(SHARED.resolve(name)));
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
