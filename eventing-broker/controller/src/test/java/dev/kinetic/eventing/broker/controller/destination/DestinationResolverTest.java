package dev.kinetic.eventing.broker.controller.destination;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DestinationResolverTest {

    /** Objects by "apiVersion/kind/namespace/name"; kinds under "unknown.dev" are not served. */
    private static final class FakeReader implements ObjectReader {
        final Map<String, GenericKubernetesResource> objects = new HashMap<>();

        FakeReader with(String apiVersion, String kind, String namespace, String name, Map<String, Object> status) {
            GenericKubernetesResource r = new GenericKubernetesResourceBuilder()
                    .withApiVersion(apiVersion)
                    .withKind(kind)
                    .withNewMetadata()
                    .withNamespace(namespace)
                    .withName(name)
                    .endMetadata()
                    .build();
            if (status != null) {
                r.setAdditionalProperty("status", status);
            }
            objects.put(apiVersion + "/" + kind + "/" + namespace + "/" + name, r);
            return this;
        }

        @Override
        public Optional<GenericKubernetesResource> get(String apiVersion, String kind, String namespace, String name) {
            if (apiVersion.startsWith("unknown.dev")) {
                throw new UnknownKindException(
                        "the API server does not serve kind " + kind + " in " + apiVersion, null);
            }
            return Optional.ofNullable(objects.get(apiVersion + "/" + kind + "/" + namespace + "/" + name));
        }
    }

    private static final FakeReader READER = new FakeReader()
            .with(
                    "serving.knative.dev/v1",
                    "Service",
                    "ns",
                    "ksvc",
                    Map.of("address", Map.of("url", "http://ksvc.ns.svc.cluster.local")))
            .with(
                    "eventing.knative.dev/v1",
                    "Broker",
                    "other",
                    "b",
                    Map.of(
                            "address", Map.of("name", "http", "url", "http://receiver/other/b"),
                            "addresses", List.of(Map.of("name", "http", "url", "http://receiver/other/b"))))
            .with(
                    "test.kinetic.dev/v1",
                    "Sink",
                    "ns",
                    "multi",
                    Map.of(
                            "address", Map.of("url", "http://fallback.example"),
                            "addresses",
                                    List.of(
                                            Map.of("name", "http", "url", "http://multi.example/in"),
                                            Map.of(
                                                    "name",
                                                    "https",
                                                    "url",
                                                    "https://multi.example/in",
                                                    "CACerts",
                                                    "PEM",
                                                    "audience",
                                                    "multi"))))
            .with("test.kinetic.dev/v1", "Sink", "ns", "pending", Map.of())
            .with("test.kinetic.dev/v1", "Sink", "ns", "nostatus", null)
            .with("test.kinetic.dev/v1", "Sink", "ns", "relative", Map.of("address", Map.of("url", "/not/absolute")));

    private static final DestinationResolver RESOLVER = new DestinationResolver("cluster.local", READER);

    private static Destination ref(String apiVersion, String kind, String name) {
        return new Destination()
                .setRef(new KReference().setApiVersion(apiVersion).setKind(kind).setName(name));
    }

    private static Destination withUri(Destination d, String uri) {
        return d.setUri(uri);
    }

    private static Destination withAddress(Destination d, String address) {
        d.getRef().setAddress(address);
        return d;
    }

    private static Destination inNamespace(Destination d, String namespace) {
        d.getRef().setNamespace(namespace);
        return d;
    }

    static Stream<Arguments> resolved() {
        return Stream.of(
                Arguments.of("core Service", ref("v1", "Service", "svc"), "http://svc.ns.svc.cluster.local"),
                Arguments.of(
                        "core Service in another namespace",
                        inNamespace(ref("v1", "Service", "svc"), "other"),
                        "http://svc.other.svc.cluster.local"),
                Arguments.of(
                        "core Service with CA certificates: https",
                        ref("v1", "Service", "svc").setCaCerts("PEM"),
                        "https://svc.ns.svc.cluster.local"),
                Arguments.of(
                        "core Service + relative uri",
                        withUri(ref("v1", "Service", "svc"), "/path?x=1"),
                        "http://svc.ns.svc.cluster.local/path?x=1"),
                Arguments.of(
                        "core Service + relative uri without a slash",
                        withUri(ref("v1", "Service", "svc"), "path"),
                        "http://svc.ns.svc.cluster.local/path"),
                Arguments.of(
                        "Knative Service: status.address",
                        ref("serving.knative.dev/v1", "Service", "ksvc"),
                        "http://ksvc.ns.svc.cluster.local"),
                Arguments.of(
                        "Broker in another namespace: status.addresses[0]",
                        inNamespace(ref("eventing.knative.dev/v1", "Broker", "b"), "other"),
                        "http://receiver/other/b"),
                Arguments.of(
                        "any Addressable: the first of addresses[]",
                        ref("test.kinetic.dev/v1", "Sink", "multi"),
                        "http://multi.example/in"),
                Arguments.of(
                        "any Addressable: ref.address picks by name",
                        withAddress(ref("test.kinetic.dev/v1", "Sink", "multi"), "https"),
                        "https://multi.example/in"),
                Arguments.of(
                        "ref + relative uri: RFC 3986, sibling of the last segment",
                        withUri(ref("test.kinetic.dev/v1", "Sink", "multi"), "other"),
                        "http://multi.example/other"),
                Arguments.of(
                        "ref + relative uri: parent",
                        withUri(ref("test.kinetic.dev/v1", "Sink", "multi"), "../up"),
                        "http://multi.example/up"),
                Arguments.of(
                        "ref + absolute-path uri",
                        withUri(ref("serving.knative.dev/v1", "Service", "ksvc"), "/events"),
                        "http://ksvc.ns.svc.cluster.local/events"),
                Arguments.of(
                        "ref + absolute uri: the uri",
                        withUri(ref("serving.knative.dev/v1", "Service", "ksvc"), "http://elsewhere/x"),
                        "http://elsewhere/x"),
                Arguments.of(
                        "absolute uri alone",
                        new Destination().setUri("https://example.com/hook"),
                        "https://example.com/hook"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resolved")
    void resolves(String name, Destination destination, String url) {
        Resolution resolution = RESOLVER.resolve(destination, "ns");
        assertThat(resolution).isInstanceOf(Resolution.Resolved.class);
        assertThat(((Resolution.Resolved) resolution).url()).isEqualTo(url);
    }

    static Stream<Arguments> unresolvable() {
        return Stream.of(
                Arguments.of("nothing", new Destination(), "the destination has neither ref nor uri"),
                Arguments.of(
                        "relative uri alone",
                        new Destination().setUri("/path"),
                        "uri \"/path\" is not an absolute URL"),
                Arguments.of(
                        "uri without host",
                        new Destination().setUri("mailto:x@example.com"),
                        "uri \"mailto:x@example.com\" is not an absolute URL"),
                Arguments.of(
                        "missing object",
                        ref("serving.knative.dev/v1", "Service", "gone"),
                        "Service (serving.knative.dev/v1) \"ns/gone\" does not exist"),
                Arguments.of(
                        "no address yet",
                        ref("test.kinetic.dev/v1", "Sink", "pending"),
                        "Sink (test.kinetic.dev/v1) \"ns/pending\" does not have an address yet"),
                Arguments.of(
                        "no status at all",
                        ref("test.kinetic.dev/v1", "Sink", "nostatus"),
                        "Sink (test.kinetic.dev/v1) \"ns/nostatus\" does not have an address yet"),
                Arguments.of(
                        "no address of that name",
                        withAddress(ref("test.kinetic.dev/v1", "Sink", "multi"), "grpc"),
                        "Sink (test.kinetic.dev/v1) \"ns/multi\" has no address named \"grpc\""),
                Arguments.of(
                        "an address that is not absolute",
                        ref("test.kinetic.dev/v1", "Sink", "relative"),
                        "Sink (test.kinetic.dev/v1) \"ns/relative\" has address \"/not/absolute\", which is not an"
                                + " absolute URL"),
                Arguments.of(
                        "kind not served",
                        ref("unknown.dev/v1", "Thing", "t"),
                        "Thing (unknown.dev/v1) \"ns/t\": the API server does not serve kind Thing in unknown.dev/v1"),
                Arguments.of(
                        "incomplete ref",
                        ref(null, "Service", "x"),
                        "ref must have kind, name and apiVersion: Service \"ns/x\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unresolvable")
    void reportsWhatIsMissing(String name, Destination destination, String message) {
        Resolution resolution = RESOLVER.resolve(destination, "ns");
        assertThat(resolution).isEqualTo(new Resolution.Unresolvable(DestinationResolver.UNRESOLVABLE, message));
    }

    @org.junit.jupiter.api.Test
    void theDestinationsCertificatesAndAudienceWin() {
        Destination d = withAddress(ref("test.kinetic.dev/v1", "Sink", "multi"), "https");
        Addressable fromTarget = ((Resolution.Resolved) RESOLVER.resolve(d, "ns")).address();
        assertThat(fromTarget.getCaCerts()).isEqualTo("PEM");
        assertThat(fromTarget.getAudience()).isEqualTo("multi");
        d.setCaCerts("OWN").setAudience("own");
        Addressable own = ((Resolution.Resolved) RESOLVER.resolve(d, "ns")).address();
        assertThat(own.getCaCerts()).isEqualTo("OWN");
        assertThat(own.getAudience()).isEqualTo("own");
    }

    static Stream<Arguments> urls() {
        return Stream.of(
                Arguments.of("http://host", "a", Optional.of("http://host/a")),
                Arguments.of("http://host/", "a", Optional.of("http://host/a")),
                Arguments.of("http://host/x/y", "z", Optional.of("http://host/x/z")),
                Arguments.of("http://host/x/y/", "z", Optional.of("http://host/x/y/z")),
                Arguments.of("http://host/x/y", "/z", Optional.of("http://host/z")),
                Arguments.of("http://host/x/y", "?q=1", Optional.of("http://host/x/y?q=1")),
                Arguments.of("http://host:8080/x", "../a/./b", Optional.of("http://host:8080/a/b")),
                Arguments.of("http://host/x", "https://other/", Optional.of("https://other/")),
                Arguments.of("/relative", "a", Optional.empty()),
                Arguments.of("http://host/x", "a b", Optional.empty()));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("urls")
    void resolvesUrlsAsRfc3986(String base, String reference, Optional<String> expected) {
        assertThat(Addresses.resolve(base, reference)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void selectsAnAddress(String name, String statusJson, String addressName, Optional<String> url) throws Exception {
        JsonNode status = Manifests.json().readTree(statusJson);
        assertThat(Addresses.select(status, addressName).map(Addressable::getUrl))
                .isEqualTo(url);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("address only", "{\"address\":{\"url\":\"http://a\"}}", null, Optional.of("http://a")),
                Arguments.of(
                        "addresses win over address",
                        "{\"address\":{\"url\":\"http://a\"},\"addresses\":[{\"url\":\"http://b\"}]}",
                        null,
                        Optional.of("http://b")),
                Arguments.of(
                        "empty addresses: address",
                        "{\"address\":{\"url\":\"http://a\"},\"addresses\":[]}",
                        null,
                        Optional.of("http://a")),
                Arguments.of(
                        "by name",
                        "{\"addresses\":[{\"name\":\"x\",\"url\":\"http://x\"},{\"name\":\"y\",\"url\":\"http://y\"}]}",
                        "y",
                        Optional.of("http://y")),
                Arguments.of(
                        "by name, from address",
                        "{\"address\":{\"name\":\"y\",\"url\":\"http://y\"}}",
                        "y",
                        Optional.of("http://y")),
                Arguments.of(
                        "name not found",
                        "{\"addresses\":[{\"name\":\"x\",\"url\":\"http://x\"}]}",
                        "y",
                        Optional.empty()),
                Arguments.of("empty url", "{\"address\":{\"url\":\"\"}}", null, Optional.empty()),
                Arguments.of("nothing", "{}", null, Optional.empty()));
    }
}
