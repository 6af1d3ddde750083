package dev.kinetic.serving.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Host templates render Go-template field placeholders and reject every other template action. */
class HostTemplateTest {
    private static final Set<String> FIELDS = Set.of("Name", "Namespace", "Domain");
    private static final Map<String, String> VALUES = Map.of("Name", "hello", "Namespace", "prod", "Domain", "a.io");

    static Stream<Arguments> renders() {
        return Stream.of(
                argumentSet("Knative's default", "{{.Name}}.{{.Namespace}}.{{.Domain}}", "hello.prod.a.io"),
                argumentSet("spaces inside the braces", "{{ .Name }}.{{.Namespace }}.{{ .Domain}}", "hello.prod.a.io"),
                argumentSet("a field twice", "{{.Name}}-{{.Name}}.{{.Domain}}", "hello-hello.a.io"),
                argumentSet("literal text around fields", "x{{.Name}}y.{{.Domain}}", "xhelloy.a.io"),
                argumentSet("no fields at all", "static.example.com", "static.example.com"));
    }

    @ParameterizedTest
    @MethodSource
    void renders(String template, String expected) {
        assertThat(HostTemplate.parse(template, FIELDS).render(VALUES)).isEqualTo(expected);
    }

    static Stream<Arguments> rejects() {
        return Stream.of(
                argumentSet("a field not offered", "{{.Tag}}.{{.Domain}}", "unsupported field {{.Tag}}"),
                argumentSet("a nested field", "{{.Annotations.sub}}.{{.Domain}}", "unsupported template action"),
                argumentSet("index function", "{{index .Labels \"app\"}}.{{.Domain}}", "unsupported template action"),
                argumentSet("trim markers", "{{- .Name -}}.{{.Domain}}", "unsupported template action"),
                argumentSet("an unclosed action", "{{.Name}.{{.Domain}}", "unsupported template action"),
                argumentSet("a stray closing brace pair", "{{.Name}}}}.{{.Domain}}", "unsupported template action"),
                argumentSet("lower-case field", "{{.name}}.{{.Domain}}", "unsupported field {{.name}}"));
    }

    @ParameterizedTest
    @MethodSource
    void rejects(String template, String message) {
        assertThatThrownBy(() -> HostTemplate.parse(template, FIELDS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
