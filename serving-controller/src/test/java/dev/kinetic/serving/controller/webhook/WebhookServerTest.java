package dev.kinetic.serving.controller.webhook;

import static dev.kinetic.serving.controller.webhook.Reviews.create;
import static dev.kinetic.serving.controller.webhook.Reviews.update;
import static dev.kinetic.serving.controller.webhook.Reviews.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The webhook over real HTTPS sockets, as the API server calls it: TLS with the generated certificate, then
 * defaulting and validation of the api module's manifests through AdmissionReviews.
 */
class WebhookServerTest {
    private static final List<String> NAMES = WebhookCertificate.dnsNames("kinetic-webhook", "kinetic-system");

    private static Vertx vertx;
    private static WebhookServer server;
    private static WebhookCertificate certificate;
    private static WebhookClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        certificate = SelfSignedCertificates.generate(NAMES, Instant.now());
        server = new WebhookServer(vertx, ApiConfig::defaults);
        server.listen(0, certificate).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client = new WebhookClient(vertx, server.actualPort(), certificate.caPem());
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** What the API server does on create: the mutating webhook's patch, then the validating webhook. */
    private static JsonNode admitCreate(JsonNode object, String username) {
        WebhookClient.Response mutated = client.post(WebhookServer.DEFAULTING_PATH, create(object, username));
        assertThat(mutated.status()).isEqualTo(200);
        assertThat(mutated.review().path("allowed").asBoolean())
                .as("defaulting allowed: %s", mutated.body())
                .isTrue();
        return JsonPatches.apply(object, Reviews.patch(mutated.review()));
    }

    private static JsonNode validate(String review) {
        WebhookClient.Response validated = client.post(WebhookServer.VALIDATION_PATH, review);
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.review().path("uid").asText()).isEqualTo(Reviews.uid(review));
        return validated.review();
    }

    // TLS

    @Test
    void presentsTheServingCertificateForTheServiceNamesSignedByTheCa() throws Exception {
        WebhookClient.Response response = client.post(WebhookServer.VALIDATION_PATH, create(yaml(HELLO), "alice"));
        X509Certificate served = (X509Certificate) response.peerCertificates().get(0);
        assertThat(served.getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactlyInAnyOrderElementsOf(List.<Object>copyOf(NAMES));
        X509Certificate ca = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                        new java.io.ByteArrayInputStream(certificate.caPem().getBytes()));
        served.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void aClientTrustingAnotherCaIsRefused() {
        WebhookCertificate other = SelfSignedCertificates.generate(NAMES, Instant.now());
        try (WebhookClient stranger = new WebhookClient(vertx, server.actualPort(), other.caPem())) {
            assertThatThrownBy(() -> stranger.post(WebhookServer.VALIDATION_PATH, create(yaml(HELLO), "alice")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aHostNameOutsideTheCertificateIsRefused() {
        try (WebhookClient wrongHost =
                new WebhookClient(vertx, server.actualPort(), certificate.caPem(), "webhook.elsewhere.svc")) {
            assertThatThrownBy(() -> wrongHost.post(WebhookServer.VALIDATION_PATH, create(yaml(HELLO), "alice")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void otherPathsAndMethodsAreNotServed() {
        assertThat(client.post("/other", "{}").status()).isEqualTo(404);
        assertThat(client.send(HttpMethod.GET, WebhookServer.DEFAULTING_PATH, null)
                        .status())
                .isEqualTo(405);
    }

    // Validation

    static Stream<Named<Path>> invalidManifests() throws IOException {
        try (Stream<Path> files = Files.list(Reviews.API_TEST_RESOURCES.resolve("invalid"))) {
            return files
                    .filter(p -> p.getFileName().toString().startsWith("serving-"))
                    .sorted()
                    .map(p -> Named.of(p.getFileName().toString(), p))
                    .toList()
                    .stream();
        }
    }

    @Test
    void theApiModulesInvalidManifestsAreFound() throws IOException {
        assertThat(invalidManifests()).hasSizeGreaterThanOrEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void invalidManifestIsDeniedNamingItsField(Path file) {
        String yaml = Reviews.read(file);
        Map<String, String> expected = header(yaml);
        JsonNode defaulted = admitCreate(yaml(yaml), "alice");

        JsonNode response = validate(create(defaulted, "alice"));

        assertThat(response.path("allowed").asBoolean())
                .as(expected.get("rule"))
                .isFalse();
        JsonNode status = response.path("status");
        assertThat(status.path("code").asInt()).isEqualTo(400);
        assertThat(status.path("reason").asText()).isEqualTo("BadRequest");
        assertThat(status.path("message").asText())
                .startsWith("validation failed: ")
                .contains(expected.get("message") + ": ")
                .contains(expected.get("path"));
        assertThat(status.path("details").path("causes"))
                .as("causes of %s", status)
                .anySatisfy(cause -> {
                    assertThat(cause.path("field").asText()).isEqualTo(expected.get("path"));
                    assertThat(cause.path("message").asText()).startsWith(expected.get("message"));
                });
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

    @Test
    void theCorpusHelloWorldIsAllowed() {
        JsonNode defaulted = admitCreate(Reviews.file("corpus/ksvc-hello-world.yaml"), "alice");
        assertThat(validate(create(defaulted, "alice")).path("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void changingAByoNamedTemplateWithoutRenamingItIsDenied() {
        JsonNode before = admitCreate(yaml(BYO.formatted("byo-first", "1")), "alice");
        JsonNode changed = withImage(before, "/spec/template/spec/containers/0/image", "example/a:2");
        JsonNode after = JsonPatches.apply(
                changed,
                Reviews.patch(client.post(WebhookServer.DEFAULTING_PATH, update(before, changed, "bob"))
                        .review()));

        JsonNode response = validate(update(before, after, "bob"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .contains("Saw the following changes without a name change (-old +new): spec.template.metadata.name");
        assertThat(response.path("status").path("details").path("causes"))
                .extracting(c -> c.path("field").asText())
                .containsExactly("spec.template.metadata.name");

        ObjectNode renamed = after.deepCopy();
        ((ObjectNode) renamed.at("/spec/template/metadata")).put("name", "byo-second");
        assertThat(validate(update(before, renamed, "bob")).path("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void changingARevisionsSpecIsDeniedAsImmutable() {
        JsonNode before = admitCreate(yaml(REVISION.formatted("1")), "system:serviceaccount:kinetic-system:ctl");
        JsonNode after = admitCreate(yaml(REVISION.formatted("2")), "system:serviceaccount:kinetic-system:ctl");

        JsonNode response = validate(update(before, after, "mallory"));

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .contains("Immutable fields changed (-old +new): spec")
                .contains("example/a:2");
        assertThat(response.path("status").path("details").path("causes"))
                .singleElement()
                .satisfies(cause -> assertThat(cause.path("field").asText()).isEqualTo("spec"));

        ObjectNode relabelled = before.deepCopy();
        ((ObjectNode) relabelled.path("metadata")).putObject("labels").put(Knative.ROUTING_STATE_LABEL, "active");
        assertThat(validate(update(before, relabelled, "ctl")).path("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void deletesAreAllowed() {
        JsonNode response = validate(Reviews.review("DELETE", null, yaml(HELLO), "alice"));
        assertThat(response.path("allowed").asBoolean()).isTrue();
    }

    @Test
    void kindsOutsideServingAreAllowedUntouched() {
        JsonNode deployment = yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: anything
                spec:
                  nonsense: true
                """);
        JsonNode broker = yaml("""
                apiVersion: eventing.knative.dev/v1
                kind: Broker
                metadata:
                  name: default
                """);
        for (JsonNode object : List.of(deployment, broker)) {
            for (String path : List.of(WebhookServer.DEFAULTING_PATH, WebhookServer.VALIDATION_PATH)) {
                JsonNode response = client.post(path, create(object, "alice")).review();
                assertThat(response.path("allowed").asBoolean()).isTrue();
                assertThat(response.has("patch")).isFalse();
            }
        }
    }

    // Malformed input

    @Test
    void aBodyThatIsNoAdmissionReviewIsA400Denial() {
        for (String body : List.of("{not json", "[]", "")) {
            WebhookClient.Response response = client.post(WebhookServer.VALIDATION_PATH, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.review().path("allowed").asBoolean()).isFalse();
            assertThat(response.review().path("status").path("code").asInt()).isEqualTo(400);
        }
    }

    @Test
    void anObjectTheModelCannotReadIsDeniedNamingTheField() {
        JsonNode object = yaml("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      containers:
                        - image: example/a
                  trafic: []
                """);
        for (String path : List.of(WebhookServer.DEFAULTING_PATH, WebhookServer.VALIDATION_PATH)) {
            WebhookClient.Response response = client.post(path, create(object, "alice"));
            assertThat(response.status()).isEqualTo(200);
            JsonNode status = response.review().path("status");
            assertThat(response.review().path("allowed").asBoolean()).isFalse();
            assertThat(status.path("code").asInt()).isEqualTo(400);
            assertThat(status.path("message").asText())
                    .startsWith("cannot decode incoming new object")
                    .contains("trafic");
            assertThat(status.path("details")
                            .path("causes")
                            .path(0)
                            .path("field")
                            .asText())
                    .isEqualTo("spec.trafic");
        }
    }

    // Defaulting

    @Test
    void helloWorldIsPatchedToExactlyKnativesDefaults() {
        JsonNode original = Reviews.file("corpus/ksvc-hello-world.yaml");
        WebhookClient.Response response = client.post(WebhookServer.DEFAULTING_PATH, create(original, "alice"));

        assertThat(response.review().path("patchType").asText()).isEqualTo("JSONPatch");
        assertThat(Manifests.canonical(JsonPatches.apply(original, Reviews.patch(response.review()))))
                .isEqualTo(yaml("""
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata:
                          name: hello
                          namespace: default
                          annotations:
                            serving.knative.dev/creator: alice
                            serving.knative.dev/lastModifier: alice
                        spec:
                          template:
                            spec:
                              containerConcurrency: 0
                              timeoutSeconds: 300
                              enableServiceLinks: false
                              containers:
                                - name: user-container
                                  image: ghcr.io/knative/helloworld-go:latest
                                  ports:
                                    - containerPort: 8080
                                  env:
                                    - name: TARGET
                                      value: World
                                  readinessProbe:
                                    successThreshold: 1
                                    tcpSocket:
                                      port: 0
                          traffic:
                            - latestRevision: true
                              percent: 100
                        """));
    }

    @Test
    void defaultingTwiceAddsNothing() {
        JsonNode once = admitCreate(yaml(HELLO), "alice");
        WebhookClient.Response again = client.post(WebhookServer.DEFAULTING_PATH, create(once, "alice"));
        assertThat(again.review().path("allowed").asBoolean()).isTrue();
        assertThat(again.review().has("patch")).isFalse();
    }

    @Test
    void anUpdateOfTheSpecRecordsTheLastModifierAndKeepsTheCreator() {
        JsonNode created = admitCreate(yaml(HELLO), "alice");
        assertThat(annotations(created))
                .containsEntry(Knative.CREATOR_ANNOTATION, "alice")
                .containsEntry(Knative.UPDATER_ANNOTATION, "alice");

        JsonNode changed = withImage(created, "/spec/template/spec/containers/0/image", "example/hello:2");
        WebhookClient.Response response = client.post(WebhookServer.DEFAULTING_PATH, update(created, changed, "bob"));
        JsonNode updated = JsonPatches.apply(changed, Reviews.patch(response.review()));

        assertThat(annotations(updated))
                .containsEntry(Knative.CREATOR_ANNOTATION, "alice")
                .containsEntry(Knative.UPDATER_ANNOTATION, "bob");
    }

    @Test
    void aMetadataOnlyUpdateKeepsTheLastModifier() {
        JsonNode created = admitCreate(yaml(HELLO), "alice");
        ObjectNode relabelled = created.deepCopy();
        ((ObjectNode) relabelled.path("metadata")).putObject("labels").put("team", "web");

        WebhookClient.Response response =
                client.post(WebhookServer.DEFAULTING_PATH, update(created, relabelled, "bob"));

        assertThat(response.review().path("allowed").asBoolean()).isTrue();
        assertThat(response.review().has("patch")).isFalse();
    }

    @Test
    void revisionsGetDefaultsButNoUserAnnotations() {
        JsonNode revision = admitCreate(yaml(REVISION.formatted("1")), "alice");
        assertThat(revision.path("metadata").has("annotations")).isFalse();
        assertThat(revision.at("/spec/containers/0/name").asText()).isEqualTo("user-container");
        assertThat(revision.at("/spec/timeoutSeconds").asInt()).isEqualTo(300);
    }

    private static JsonNode withImage(JsonNode object, String pointer, String image) {
        return JsonPatches.apply(
                object,
                Manifests.json()
                        .createArrayNode()
                        .add(Manifests.json()
                                .createObjectNode()
                                .put("op", "replace")
                                .put("path", pointer)
                                .put("value", image)));
    }

    private static Map<String, String> annotations(JsonNode object) {
        Map<String, String> annotations = new HashMap<>();
        object.path("metadata")
                .path("annotations")
                .properties()
                .forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return annotations;
    }

    static final String HELLO = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: hello
              namespace: default
            spec:
              template:
                spec:
                  containers:
                    - image: example/hello:1
            """;

    static final String BYO = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: byo
              namespace: default
            spec:
              template:
                metadata:
                  name: %s
                spec:
                  containers:
                    - image: example/a:%s
            """;

    static final String REVISION = """
            apiVersion: serving.knative.dev/v1
            kind: Revision
            metadata:
              name: hello-00001
              namespace: default
            spec:
              containers:
                - image: example/a:%s
            """;
}
