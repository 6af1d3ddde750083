package dev.kinetic.eventing.broker.controller.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.eventing.broker.controller.destination.ObjectReader;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DependenciesTest {
    private static final String PING =
            "{\"kind\":\"PingSource\",\"name\":\"%s\",\"apiVersion\":\"sources.knative.dev/v1\"}";

    /** PingSources by name: "ready", "failed", "pending" (no Ready yet), "blank" (False without reason). */
    private static final ObjectReader READER = (apiVersion, kind, namespace, name) -> {
        if (kind.equals("Unknown")) {
            throw new ObjectReader.UnknownKindException("kind Unknown is not served", null);
        }
        Map<String, Object> status =
                switch (name) {
                    case "ready" -> Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True")));
                    case "failed" ->
                        Map.of(
                                "conditions",
                                List.of(Map.of(
                                        "type",
                                        "Ready",
                                        "status",
                                        "False",
                                        "reason",
                                        "SinkMissing",
                                        "message",
                                        "no sink")));
                    case "blank" -> Map.of("conditions", List.of(Map.of("type", "Ready", "status", "False")));
                    case "pending" -> Map.of();
                    default -> null;
                };
        if (status == null) {
            return Optional.empty();
        }
        GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .build();
        r.setAdditionalProperty("status", status);
        return Optional.of(r);
    };

    static Stream<Arguments> states() {
        return Stream.of(
                Arguments.of("ready", PING.formatted("ready"), new Dependencies.State("True", null, null)),
                Arguments.of(
                        "failed",
                        PING.formatted("failed"),
                        new Dependencies.State(
                                "False", "SinkMissing", "Dependency PingSource \"ns/failed\" is not ready: no sink")),
                Arguments.of(
                        "false without reason",
                        PING.formatted("blank"),
                        new Dependencies.State(
                                "False", "DependencyNotReady", "Dependency PingSource \"ns/blank\" is not ready")),
                Arguments.of(
                        "no Ready yet",
                        PING.formatted("pending"),
                        new Dependencies.State(
                                "Unknown",
                                "DependencyNotReady",
                                "Dependency PingSource \"ns/pending\" has no Ready condition yet")),
                Arguments.of(
                        "missing",
                        PING.formatted("gone"),
                        new Dependencies.State(
                                "False", "DependencyDoesNotExist", "Dependency PingSource \"ns/gone\" does not exist")),
                Arguments.of(
                        "another namespace",
                        "{\"kind\":\"PingSource\",\"name\":\"gone\",\"namespace\":\"other\","
                                + "\"apiVersion\":\"sources.knative.dev/v1\"}",
                        new Dependencies.State(
                                "False",
                                "DependencyDoesNotExist",
                                "Dependency PingSource \"other/gone\" does not exist")),
                Arguments.of(
                        "kind not served",
                        "{\"kind\":\"Unknown\",\"name\":\"x\",\"apiVersion\":\"x.dev/v1\"}",
                        new Dependencies.State(
                                "False",
                                "DependencyDoesNotExist",
                                "Dependency Unknown \"ns/x\": kind Unknown is not served")),
                Arguments.of(
                        "not JSON",
                        "ping",
                        new Dependencies.State(
                                "False",
                                "InvalidDependency",
                                "The knative.dev/dependency annotation must be a JSON object with kind, name and"
                                        + " apiVersion, got ping")),
                Arguments.of(
                        "no name",
                        "{\"kind\":\"PingSource\",\"apiVersion\":\"sources.knative.dev/v1\"}",
                        new Dependencies.State(
                                "False",
                                "InvalidDependency",
                                "The knative.dev/dependency annotation must be a JSON object with kind, name and"
                                        + " apiVersion, got {\"kind\":\"PingSource\",\"apiVersion\":"
                                        + "\"sources.knative.dev/v1\"}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void readsTheDependencysReadyCondition(String name, String annotation, Dependencies.State expected) {
        assertThat(Dependencies.check(annotation, "ns", READER)).isEqualTo(expected);
    }
}
