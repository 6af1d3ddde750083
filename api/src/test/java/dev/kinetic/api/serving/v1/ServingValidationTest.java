package dev.kinetic.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.config.ServingConfig;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Validation rules that depend on configuration or on the previous object (updates); the per-rule table of plain
 * rejections is in {@code InvalidManifestsTest}.
 */
class ServingValidationTest {
    private static final ServingConfig KNATIVE = ServingConfig.shipped();

    static Service service(String yaml) {
        return (Service) Manifests.parse(yaml);
    }

    static final String TWO_CONTAINERS = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: hello
            spec:
              template:
                spec:
                  containers:
                    - name: a
                      image: example/a
                      ports:
                        - containerPort: 8080
                    - name: b
                      image: example/b
            """;

    static final String ANNOTATED = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: hello
            spec:
              template:
                metadata:
                  annotations:
                    autoscaling.knative.dev/max-scale: "%s"
                    autoscaling.knative.dev/initial-scale: "%s"
                spec:
                  containers:
                    - image: example/a
            """;

    static Stream<Arguments> configDependent() {
        ServingConfig noMulti = KNATIVE.withFeatures(
                KNATIVE.features().with(FeaturesConfig.MULTI_CONTAINER, FeaturesConfig.Flag.DISABLED));
        ServingConfig limited = KNATIVE.withAutoscaler(AutoscalerConfig.fromMap(
                        Map.of("max-scale-limit", "10", "max-scale", "5", "allow-zero-initial-scale", "true"))
                .config());
        ServingConfig noZeroConcurrency = KNATIVE.withDefaults(DefaultsConfig.fromMap(
                        Map.of("allow-container-concurrency-zero", "false", "container-concurrency", "1"))
                .config());
        String annotations = "spec.template.metadata.annotations.autoscaling.knative.dev/";
        return Stream.of(
                Arguments.of(
                        Named.of("multi-container switched off", noMulti),
                        TWO_CONTAINERS,
                        "spec.template.spec.containers",
                        "multi-container is off, but found 2 containers"),
                Arguments.of(
                        Named.of("max-scale over max-scale-limit", limited),
                        ANNOTATED.formatted("11", "1"),
                        annotations + "max-scale",
                        "expected 1 <= 11 <= 10"),
                Arguments.of(
                        Named.of("unlimited max-scale with a limit", limited),
                        ANNOTATED.formatted("0", "1"),
                        annotations + "max-scale",
                        "max-scale=0 (unlimited), must be less than 10"),
                Arguments.of(
                        Named.of("containerConcurrency 0 not allowed", noZeroConcurrency),
                        """
                        apiVersion: serving.knative.dev/v1
                        kind: Service
                        metadata:
                          name: hello
                        spec:
                          template:
                            spec:
                              containerConcurrency: 0
                              containers:
                                - image: example/a
                        """,
                        "spec.template.spec.containerConcurrency",
                        "expected 1 <= 0 <= 1000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configDependent")
    void rejectedUnderConfig(ServingConfig config, String yaml, String path, String message) {
        Errors errors = ServingValidation.validate(service(yaml), config);
        assertThat(errors.list()).as(errors.toString()).anySatisfy(e -> {
            assertThat(e.message()).isEqualTo(message);
            assertThat(e.paths()).contains(path);
        });
    }

    @Test
    void featureFlagsAdmitGatedFields() {
        ServingConfig enabled = KNATIVE.withFeatures(KNATIVE.features()
                .with(FeaturesConfig.NODE_SELECTOR, FeaturesConfig.Flag.ENABLED)
                .with(FeaturesConfig.INIT_CONTAINERS, FeaturesConfig.Flag.ALLOWED));
        Service svc = service("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      nodeSelector:
                        disk: ssd
                      initContainers:
                        - image: example/init
                      containers:
                        - image: example/a
                """);
        assertThat(ServingValidation.validate(svc, enabled).list()).isEmpty();
        assertThat(ServingValidation.validate(svc, KNATIVE).paths())
                .containsExactlyInAnyOrder("spec.template.spec.nodeSelector", "spec.template.spec.initContainers");
    }

    @Test
    void initContainersMayNotHaveProbes() {
        ServingConfig enabled = KNATIVE.withFeatures(
                KNATIVE.features().with(FeaturesConfig.INIT_CONTAINERS, FeaturesConfig.Flag.ENABLED));
        Service svc = service("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      initContainers:
                        - image: example/init
                          readinessProbe:
                            tcpSocket:
                              port: 80
                      containers:
                        - image: example/a
                """);
        assertThat(ServingValidation.validate(svc, enabled).list())
                .extracting(FieldError::toString)
                .containsExactly("must not set the field(s): spec.template.spec.initContainers[0].readinessProbe");
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        Service svc = service("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      timeoutSeconds: 9999
                      containerConcurrency: -1
                      containers:
                        - name: queue-proxy
                          ports:
                            - containerPort: 9090
                  traffic:
                    - latestRevision: true
                      percent: 80
                """);
        assertThat(ServingValidation.validate(svc, KNATIVE).paths())
                .containsExactlyInAnyOrder(
                        "spec.template.spec.containers[0].name",
                        "spec.template.spec.containers[0].image",
                        "spec.template.spec.containers[0].ports[0].containerPort",
                        "spec.template.spec.timeoutSeconds",
                        "spec.template.spec.containerConcurrency",
                        "spec.traffic");
    }

    @Test
    void revisionSpecIsImmutable() {
        Revision before = (Revision) Manifests.parse("""
                apiVersion: serving.knative.dev/v1
                kind: Revision
                metadata:
                  name: hello-00001
                spec:
                  containers:
                    - image: example/a:1
                """);
        Revision after = Manifests.copy(before, Revision.class);
        after.getMetadata().setLabels(Map.of("serving.knative.dev/routingState", "active"));
        assertThat(ServingValidation.validateUpdate(before, after, KNATIVE).list())
                .isEmpty();

        after.getSpec().getContainers().get(0).setImage("example/a:2");
        Errors errors = ServingValidation.validateUpdate(before, after, KNATIVE);
        assertThat(errors.list()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("Immutable fields changed (-old +new)");
            assertThat(e.paths()).containsExactly("spec");
            assertThat(e.details())
                    .isEqualTo("-containers[0].image: \"example/a:1\"\n+containers[0].image: \"example/a:2\"");
        });
    }

    static final String BYO = """
            apiVersion: serving.knative.dev/v1
            kind: Service
            metadata:
              name: byo
              annotations:
                serving.knative.dev/creator: alice
            spec:
              template:
                metadata:
                  name: byo-%s
                spec:
                  containers:
                    - image: example/a:%s
            """;

    @Test
    void byoNameMustChangeWithTheTemplate() {
        Service v1 = service(BYO.formatted("v1", "1"));
        assertThat(ServingValidation.validateUpdate(v1, service(BYO.formatted("v2", "2")), KNATIVE)
                        .list())
                .isEmpty();
        assertThat(ServingValidation.validateUpdate(v1, service(BYO.formatted("v1", "1")), KNATIVE)
                        .list())
                .isEmpty();

        Errors errors = ServingValidation.validateUpdate(v1, service(BYO.formatted("v1", "2")), KNATIVE);
        assertThat(errors.list()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("Saw the following changes without a name change (-old +new)");
            assertThat(e.paths()).containsExactly("spec.template.metadata.name");
            assertThat(e.details()).contains("-spec.containers[0].image: \"example/a:1\"");
        });
    }

    @Test
    void configurationByoNameMustChangeWithTheTemplateToo() {
        String yaml = """
                apiVersion: serving.knative.dev/v1
                kind: Configuration
                metadata:
                  name: cfg
                spec:
                  template:
                    metadata:
                      name: cfg-one
                      labels:
                        v: "%s"
                    spec:
                      containers:
                        - image: example/a
                """;
        Configuration before = (Configuration) Manifests.parse(yaml.formatted("1"));
        Configuration after = (Configuration) Manifests.parse(yaml.formatted("2"));
        assertThat(ServingValidation.validateUpdate(before, after, KNATIVE).paths())
                .containsExactly("spec.template.metadata.name");
    }

    @Test
    void creatorAnnotationIsImmutable() {
        Service before = service(BYO.formatted("v1", "1"));
        Service after = service(BYO.formatted("v1", "1").replace("alice", "mallory"));
        assertThat(ServingValidation.validateUpdate(before, after, KNATIVE).list())
                .extracting(FieldError::toString)
                .containsExactly(
                        "Immutable fields changed (-old +new): metadata.annotations.serving.knative.dev/creator\n-alice\n+mallory");
    }
}
