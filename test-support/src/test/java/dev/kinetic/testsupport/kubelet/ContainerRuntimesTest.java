package dev.kinetic.testsupport.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerRuntimesTest {
    private static final ContainerRuntime SAMPLE = named();
    private static final ContainerRuntime QUEUE = named();
    private static final ContainerRuntimes RUNTIMES = ContainerRuntimes.of()
            .image("kinetic/sample-app", SAMPLE)
            .prefix("registry.local:5000/kinetic/queue", QUEUE);

    static Stream<Arguments> images() {
        return Stream.of(
                Arguments.of("the name as registered", "kinetic/sample-app", SAMPLE),
                Arguments.of("with a tag", "kinetic/sample-app:1.2", SAMPLE),
                Arguments.of("pinned to a digest", "kinetic/sample-app@sha256:abc", SAMPLE),
                Arguments.of("tag and digest", "kinetic/sample-app:1.2@sha256:abc", SAMPLE),
                Arguments.of("a longer name is another image", "kinetic/sample-app-v2", null),
                Arguments.of("prefix with a registry port", "registry.local:5000/kinetic/queue-proxy:0.1", QUEUE),
                Arguments.of("unknown", "example.com/ghost", null),
                Arguments.of("no image", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("images")
    void picksTheRuntimeByImage(String name, String image, ContainerRuntime expected) {
        assertThat(RUNTIMES.forImage(image).orElse(null)).isSameAs(expected);
    }

    @Test
    void theFirstMatchingEntryWinsAndEachCallMakesANewInstance() {
        ContainerRuntimes first = ContainerRuntimes.of().prefix("kinetic/", QUEUE);
        ContainerRuntimes both = first.image("kinetic/sample-app", SAMPLE);
        assertThat(both.forImage("kinetic/sample-app")).containsSame(QUEUE);
        assertThat(ContainerRuntimes.of().forImage("kinetic/sample-app")).isEmpty();
    }

    @Test
    void tagsAndDigestsComeOffButRegistryPortsStay() {
        assertThat(ContainerRuntimes.withoutTagOrDigest("localhost:5000/app")).isEqualTo("localhost:5000/app");
        assertThat(ContainerRuntimes.withoutTagOrDigest("localhost:5000/app:1")).isEqualTo("localhost:5000/app");
        assertThat(ContainerRuntimes.withoutTagOrDigest("app@sha256:0f")).isEqualTo("app");
    }

    private static ContainerRuntime named() {
        return launch -> new ContainerRuntime.Running() {
            @Override
            public CompletableFuture<Integer> exit() {
                return new CompletableFuture<>();
            }

            @Override
            public void stop(Duration grace) {}
        };
    }
}
