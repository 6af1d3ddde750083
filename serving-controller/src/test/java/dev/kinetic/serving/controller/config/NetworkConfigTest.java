package dev.kinetic.serving.controller.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.serving.controller.config.NetworkConfig.HttpProtocol;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code config-network} parses with Knative's keys and defaults, and reports every bad key. */
class NetworkConfigTest {

    @Test
    void emptyConfigMapGivesTheDefaults() {
        NetworkConfig.Parsed parsed = NetworkConfig.fromMap(Map.of());
        NetworkConfig c = parsed.config();
        assertThat(parsed.errors().isEmpty()).isTrue();
        assertThat(c.ingressClass()).isEqualTo("gateway-api.ingress.networking.knative.dev");
        assertThat(c.domainTemplate().text()).isEqualTo("{{.Name}}.{{.Namespace}}.{{.Domain}}");
        assertThat(c.tagTemplate().text()).isEqualTo("{{.Tag}}-{{.Name}}");
        assertThat(c.clusterDomain()).isEqualTo("cluster.local");
        assertThat(c.httpProtocol()).isEqualTo(HttpProtocol.ENABLED);
        assertThat(c.externalDomainTls()).isFalse();
        assertThat(c.host("hello", "default", "example.com")).isEqualTo("hello.default.example.com");
        assertThat(c.tagName("hello", "v1")).isEqualTo("v1-hello");
        assertThat(c.clusterLocalHost("hello", "default")).isEqualTo("hello.default.svc.cluster.local");
        assertThat(c.clusterLocalDomain()).isEqualTo("svc.cluster.local");
        assertThat(NetworkConfig.fromMap(null).config()).isEqualTo(c);
    }

    static Stream<Arguments> parses() {
        return Stream.of(
                row(
                        "Istio ingress class",
                        Map.of("ingress-class", "istio.ingress.networking.knative.dev"),
                        NetworkConfig::ingressClass,
                        NetworkConfig.ISTIO_INGRESS_CLASS),
                row(
                        "Gateway API ingress class spelled out",
                        Map.of("ingress-class", "gateway-api.ingress.networking.knative.dev"),
                        NetworkConfig::ingressClass,
                        NetworkConfig.GATEWAY_API_INGRESS_CLASS),
                row(
                        "http-protocol Redirected",
                        Map.of("http-protocol", "Redirected"),
                        NetworkConfig::httpProtocol,
                        HttpProtocol.REDIRECTED),
                row(
                        "http-protocol is case-insensitive",
                        Map.of("http-protocol", "enabled"),
                        NetworkConfig::httpProtocol,
                        HttpProtocol.ENABLED),
                row(
                        "external-domain-tls Enabled",
                        Map.of("external-domain-tls", "Enabled"),
                        NetworkConfig::externalDomainTls,
                        true),
                row(
                        "auto-tls is the older name",
                        Map.of("auto-tls", "Enabled"),
                        NetworkConfig::externalDomainTls,
                        true),
                row(
                        "external-domain-tls wins over auto-tls",
                        Map.of("external-domain-tls", "Disabled", "auto-tls", "Enabled"),
                        NetworkConfig::externalDomainTls,
                        false),
                row(
                        "cluster-domain",
                        Map.of("cluster-domain", "corp.internal"),
                        c -> c.clusterLocalHost("hello", "default"),
                        "hello.default.svc.corp.internal"),
                row(
                        "domain-template",
                        Map.of("domain-template", "{{.Name}}-{{.Namespace}}.{{.Domain}}"),
                        c -> c.host("hello", "default", "example.com"),
                        "hello-default.example.com"),
                row(
                        "domain-template with spaces in the braces",
                        Map.of("domain-template", "{{ .Name }}.{{ .Namespace }}.{{ .Domain }}"),
                        c -> c.host("hello", "default", "example.com"),
                        "hello.default.example.com"),
                row(
                        "tag-template",
                        Map.of("tag-template", "{{.Name}}-{{.Tag}}"),
                        c -> c.tagName("hello", "v1"),
                        "hello-v1"),
                row(
                        "values are trimmed",
                        Map.of("ingress-class", " istio.ingress.networking.knative.dev\n"),
                        NetworkConfig::ingressClass,
                        NetworkConfig.ISTIO_INGRESS_CLASS));
    }

    private static Arguments row(
            String name, Map<String, String> data, Function<NetworkConfig, Object> read, Object expected) {
        return argumentSet(name, data, read, expected);
    }

    @ParameterizedTest
    @MethodSource
    void parses(Map<String, String> data, Function<NetworkConfig, Object> read, Object expected) {
        NetworkConfig.Parsed parsed = NetworkConfig.fromMap(data);
        assertThat(parsed.errors().list()).isEmpty();
        assertThat(read.apply(parsed.config())).isEqualTo(expected);
    }

    static Stream<Arguments> reportsBadKeys() {
        return Stream.of(
                argumentSet(
                        "unknown ingress class",
                        Map.of("ingress-class", "contour.ingress.networking.knative.dev"),
                        List.of("ingress-class")),
                argumentSet("http-protocol Disabled", Map.of("http-protocol", "Disabled"), List.of("http-protocol")),
                argumentSet(
                        "external-domain-tls not Enabled or Disabled",
                        Map.of("external-domain-tls", "maybe"),
                        List.of("external-domain-tls")),
                argumentSet("bad auto-tls", Map.of("auto-tls", "yes"), List.of("auto-tls")),
                argumentSet(
                        "domain-template using annotations",
                        Map.of("domain-template", "{{.Name}}.{{index .Annotations \"sub\"}}.{{.Domain}}"),
                        List.of("domain-template")),
                argumentSet(
                        "domain-template using the tag",
                        Map.of("domain-template", "{{.Tag}}.{{.Name}}.{{.Domain}}"),
                        List.of("domain-template")),
                argumentSet(
                        "domain-template without the name",
                        Map.of("domain-template", "{{.Namespace}}.{{.Domain}}"),
                        List.of("domain-template")),
                argumentSet(
                        "domain-template with a path",
                        Map.of("domain-template", "{{.Name}}.{{.Domain}}/path"),
                        List.of("domain-template")),
                argumentSet(
                        "tag-template using the namespace",
                        Map.of("tag-template", "{{.Tag}}-{{.Namespace}}"),
                        List.of("tag-template")),
                argumentSet(
                        "tag-template without the tag", Map.of("tag-template", "{{.Name}}"), List.of("tag-template")),
                argumentSet(
                        "cluster-domain not a DNS name",
                        Map.of("cluster-domain", "Not_A_Domain"),
                        List.of("cluster-domain")),
                argumentSet(
                        "every bad key at once",
                        Map.of(
                                "ingress-class", "nginx",
                                "http-protocol", "off",
                                "domain-template", "{{.Nom}}",
                                "tag-template", "{{.Tag}}/x"),
                        List.of("ingress-class", "domain-template", "tag-template", "http-protocol")));
    }

    @ParameterizedTest
    @MethodSource
    void reportsBadKeys(Map<String, String> data, List<String> paths) {
        NetworkConfig.Parsed parsed = NetworkConfig.fromMap(data);
        assertThat(parsed.errors().paths()).containsExactlyInAnyOrderElementsOf(paths);
        // Every bad key falls back to its default.
        assertThat(parsed.config()).isEqualTo(NetworkConfig.defaults());
    }
}
