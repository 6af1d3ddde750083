package dev.kinetic.serving.controller.resources;

import static dev.kinetic.serving.controller.resources.TestRevisions.NAME;
import static dev.kinetic.serving.controller.resources.TestRevisions.NAMESPACE;
import static dev.kinetic.serving.controller.resources.TestRevisions.UID;
import static dev.kinetic.serving.controller.resources.TestRevisions.named;
import static dev.kinetic.serving.controller.resources.TestRevisions.revision;
import static dev.kinetic.serving.controller.resources.TestRevisions.withAnnotation;
import static dev.kinetic.serving.controller.resources.TestRevisions.withLabel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.v1.ContainerStatus;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import dev.kinetic.serving.controller.config.DeploymentConfig;
import dev.kinetic.serving.controller.names.ChildNames;
import dev.kinetic.testsupport.fixtures.Options;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeploymentsTest {

    private static final RevisionConfig CONFIG = RevisionConfig.shipped();

    static final Map<String, String> CHILD_LABELS = Map.of(
            Knative.CONFIGURATION_LABEL,
            "hello",
            Knative.CONFIGURATION_GENERATION_LABEL,
            "1",
            Knative.CONFIGURATION_UID_LABEL,
            "config-uid",
            Knative.SERVICE_LABEL,
            "hello",
            Knative.SERVICE_UID_LABEL,
            "service-uid",
            Knative.REVISION_LABEL,
            NAME,
            Knative.REVISION_UID_LABEL,
            UID,
            "app",
            NAME);

    static OwnerReference expectedOwner(String name) {
        OwnerReference owner = new OwnerReference();
        owner.setApiVersion("serving.knative.dev/v1");
        owner.setKind("Revision");
        owner.setName(name);
        owner.setUid(UID);
        owner.setController(true);
        owner.setBlockOwnerDeletion(true);
        return owner;
    }

    @Test
    void plainRevision() {
        Deployment d = Deployments.makeDeployment(revision(), CONFIG);

        assertThat(d.getMetadata().getName()).isEqualTo("hello-00001-deployment");
        assertThat(d.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(d.getMetadata().getLabels()).isEqualTo(CHILD_LABELS);
        assertThat(d.getMetadata().getOwnerReferences()).containsExactly(expectedOwner(NAME));
        assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(Knative.REVISION_UID_LABEL, UID));
        assertThat(d.getSpec().getSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(d.getSpec().getRevisionHistoryLimit()).isZero();
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable())
                .isEqualTo(new IntOrString(0));
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(CHILD_LABELS);
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Map.of(Deployments.DEFAULT_CONTAINER_ANNOTATION, "user-container"));

        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers()).extracting(Container::getName).containsExactly("user-container", "queue-proxy");
        assertThat(pod.getEnableServiceLinks()).isFalse();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(300L);
        assertThat(pod.getInitContainers()).isNullOrEmpty();
    }

    @Test
    void theSelectorMatchesThePodLabels() {
        Deployment d = Deployments.makeDeployment(revision(), CONFIG);

        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    }

    static Stream<Arguments> labels() {
        return Stream.of(
                Arguments.of(
                        "routing labels are dropped",
                        List.of(
                                withLabel(Knative.ROUTE_LABEL, "hello"),
                                withLabel(Knative.ROUTING_STATE_LABEL, "active")),
                        Map.of()),
                Arguments.of("a user's app label is kept", List.of(withLabel("app", "shop")), Map.of("app", "shop")),
                Arguments.of(
                        "user labels are copied", List.of(withLabel("team", "payments")), Map.of("team", "payments")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("labels")
    void labels(String name, List<Consumer<Revision>> options, Map<String, String> extra) {
        @SuppressWarnings("unchecked")
        Revision rev = revision(options.toArray(new Consumer[0]));
        Map<String, String> expected = new TreeMap<>(CHILD_LABELS);
        expected.putAll(extra);

        Deployment d = Deployments.makeDeployment(rev, CONFIG);

        assertThat(d.getMetadata().getLabels()).isEqualTo(expected);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(expected);
    }

    @Test
    void annotationsLeaveOutAutoscalingAndRoutingOnes() {
        Revision rev = revision(
                withAnnotation(Knative.MIN_SCALE_ANNOTATION, "2"),
                withAnnotation(Knative.TARGET_ANNOTATION, "50"),
                withAnnotation(Knative.ROUTES_ANNOTATION, "hello"),
                withAnnotation(Knative.ROUTING_STATE_MODIFIED_ANNOTATION, "2026-01-01T00:00:00Z"),
                withAnnotation(Knative.LAST_PINNED_ANNOTATION, "1700000000"),
                withAnnotation(Knative.CREATOR_ANNOTATION, "alice"),
                withAnnotation("example.com/owner", "team-a"));

        Deployment d = Deployments.makeDeployment(rev, CONFIG);

        assertThat(d.getMetadata().getAnnotations())
                .isEqualTo(Map.of(Knative.CREATOR_ANNOTATION, "alice", "example.com/owner", "team-a"));
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Map.of(
                        Knative.CREATOR_ANNOTATION,
                        "alice",
                        "example.com/owner",
                        "team-a",
                        Deployments.DEFAULT_CONTAINER_ANNOTATION,
                        "user-container"));
    }

    static Stream<Arguments> replicas() {
        AutoscalerConfig shipped = AutoscalerConfig.defaults();
        AutoscalerConfig initialThree =
                AutoscalerConfig.fromMap(Map.of("initial-scale", "3")).config();
        AutoscalerConfig zeroAllowed = AutoscalerConfig.fromMap(
                        Map.of("initial-scale", "0", "allow-zero-initial-scale", "true"))
                .config();
        AutoscalerConfig globalMin =
                AutoscalerConfig.fromMap(Map.of("min-scale", "2")).config();
        return Stream.of(
                Arguments.of("shipped defaults", shipped, Map.of(), 1),
                Arguments.of("initial-scale annotation", shipped, Map.of(Knative.INITIAL_SCALE_ANNOTATION, "4"), 4),
                Arguments.of(
                        "legacy initialScale annotation",
                        shipped,
                        Map.of("autoscaling.knative.dev/initialScale", "2"),
                        2),
                Arguments.of("config initial-scale", initialThree, Map.of(), 3),
                Arguments.of("annotation beats config", initialThree, Map.of(Knative.INITIAL_SCALE_ANNOTATION, "2"), 2),
                Arguments.of("min-scale raises", shipped, Map.of(Knative.MIN_SCALE_ANNOTATION, "5"), 5),
                Arguments.of(
                        "min-scale raises an initial scale",
                        shipped,
                        Map.of(Knative.INITIAL_SCALE_ANNOTATION, "2", Knative.MIN_SCALE_ANNOTATION, "3"),
                        3),
                Arguments.of(
                        "initial above min stays",
                        shipped,
                        Map.of(Knative.INITIAL_SCALE_ANNOTATION, "4", Knative.MIN_SCALE_ANNOTATION, "3"),
                        4),
                Arguments.of(
                        "max-scale caps",
                        shipped,
                        Map.of(Knative.INITIAL_SCALE_ANNOTATION, "10", Knative.MAX_SCALE_ANNOTATION, "3"),
                        3),
                Arguments.of("global min-scale", globalMin, Map.of(), 2),
                Arguments.of(
                        "annotation min-scale beats global", globalMin, Map.of(Knative.MIN_SCALE_ANNOTATION, "0"), 1),
                Arguments.of("zero when allowed", zeroAllowed, Map.of(Knative.INITIAL_SCALE_ANNOTATION, "0"), 0),
                Arguments.of("zero config when allowed", zeroAllowed, Map.of(), 0),
                Arguments.of(
                        "zero annotation without permission is ignored",
                        shipped,
                        Map.of(Knative.INITIAL_SCALE_ANNOTATION, "0"),
                        1),
                Arguments.of(
                        "unparsable annotation is ignored",
                        shipped,
                        Map.of(Knative.INITIAL_SCALE_ANNOTATION, "many"),
                        1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replicas")
    void replicas(String name, AutoscalerConfig autoscaler, Map<String, String> annotations, int expected) {
        Revision rev = revision(TestRevisions.withAnnotations(annotations));

        Deployment d = Deployments.makeDeployment(rev, CONFIG.withAutoscaler(autoscaler));

        assertThat(d.getSpec().getReplicas()).isEqualTo(expected);
    }

    static Stream<Arguments> progressDeadlines() {
        return Stream.of(
                Arguments.of("shipped", Map.of(), null, 600),
                Arguments.of("config", Map.of(), "120s", 120),
                Arguments.of("annotation", Map.of(Knative.PROGRESS_DEADLINE_ANNOTATION, "5m"), null, 300),
                Arguments.of(
                        "annotation beats config", Map.of(Knative.PROGRESS_DEADLINE_ANNOTATION, "30s"), "120s", 30),
                Arguments.of(
                        "fractional annotation ignored",
                        Map.of(Knative.PROGRESS_DEADLINE_ANNOTATION, "1.5s"),
                        null,
                        600),
                Arguments.of(
                        "bad annotation ignored", Map.of(Knative.PROGRESS_DEADLINE_ANNOTATION, "soon"), null, 600));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("progressDeadlines")
    void progressDeadline(String name, Map<String, String> annotations, String configValue, int expected) {
        Revision rev = revision(TestRevisions.withAnnotations(annotations));
        DeploymentConfig deployment = configValue == null
                ? DeploymentConfig.defaults()
                : DeploymentConfig.fromMap(Map.of("progress-deadline", configValue))
                        .config();

        Deployment d = Deployments.makeDeployment(rev, CONFIG.withDeployment(deployment));

        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "enableServiceLinks {0}")
    @MethodSource("serviceLinks")
    void serviceLinks(Boolean inSpec, String configValue, Boolean expected) {
        Revision rev = revision();
        // After defaulting, which would otherwise have set the field already.
        rev.getSpec().setEnableServiceLinks(inSpec);
        DefaultsConfig defaults = DefaultsConfig.fromMap(Map.of("enable-service-links", configValue))
                .config();
        RevisionConfig cfg = new RevisionConfig(
                CONFIG.deployment(), defaults, CONFIG.autoscaler(), CONFIG.features(), CONFIG.systemNamespace());

        assertThat(Deployments.makeDeployment(rev, cfg)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getEnableServiceLinks())
                .isEqualTo(expected);
    }

    static Stream<Arguments> serviceLinks() {
        return Stream.of(
                Arguments.of(true, "false", true),
                Arguments.of(false, "true", false),
                Arguments.of(null, "false", false),
                Arguments.of(null, "true", true),
                Arguments.of(null, "default", null));
    }

    @Test
    void terminationGracePeriodIsTheRevisionTimeout() {
        Revision rev = revision(TestRevisions.withTimeouts(45, null, null));

        assertThat(Deployments.makeDeployment(rev, CONFIG)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTerminationGracePeriodSeconds())
                .isEqualTo(45L);
    }

    @Test
    void podSpecFieldsOfTheRevisionAreKept() {
        Revision rev = revision(r -> {
            r.getSpec().setServiceAccountName("runner");
            r.getSpec().setNodeSelector(Map.of("disk", "ssd"));
        });

        PodSpec pod =
                Deployments.makeDeployment(rev, CONFIG).getSpec().getTemplate().getSpec();

        assertThat(pod.getServiceAccountName()).isEqualTo("runner");
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("disk", "ssd"));
    }

    @Test
    void resolvedDigestsReplaceTags() {
        Revision rev = revision(r -> r.getSpec().setInitContainers(List.of(initContainer())), r -> {
            RevisionStatus status = new RevisionStatus();
            status.setContainerStatuses(List.of(new ContainerStatus()
                    .setName("user-container")
                    .setImageDigest("ghcr.io/knative/helloworld-go@sha256:abc")));
            status.setInitContainerStatuses(
                    List.of(new ContainerStatus().setName("init").setImageDigest("example.com/init@sha256:def")));
            r.setStatus(status);
        });

        PodSpec pod =
                Deployments.makeDeployment(rev, CONFIG).getSpec().getTemplate().getSpec();

        assertThat(pod.getContainers().get(0).getImage()).isEqualTo("ghcr.io/knative/helloworld-go@sha256:abc");
        assertThat(pod.getInitContainers())
                .extracting(Container::getImage)
                .containsExactly("example.com/init@sha256:def");
    }

    private static Container initContainer() {
        Container c = new Container();
        c.setName("init");
        c.setImage("example.com/init:1");
        return c;
    }

    @Test
    void longRevisionNamesAreHashed() {
        String name = "a-very-long-configuration-name-that-goes-on-and-on-and-on-00001";
        Revision rev = named(name);

        Deployment d = Deployments.makeDeployment(rev, CONFIG);

        assertThat(name).hasSize(63);
        assertThat(d.getMetadata().getName())
                .hasSizeLessThanOrEqualTo(63)
                .endsWith("-deployment")
                .isEqualTo(ChildNames.deployment(name));
        assertThat(d.getMetadata().getLabels()).containsEntry(Knative.REVISION_LABEL, name);
        assertThat(d.getMetadata().getOwnerReferences()).containsExactly(expectedOwner(name));
    }

    @Test
    void theRevisionIsNotChanged() {
        Revision rev = revision(withAnnotation(Knative.MIN_SCALE_ANNOTATION, "2"));
        String before = Serialization.asJson(rev);

        Deployments.makeDeployment(rev, CONFIG);
        PodAutoscalers.makePodAutoscaler(rev, CONFIG.autoscaler());
        Services.makePrivateService(rev);
        Services.makePublicService(rev);
        ServerlessServices.makeServerlessService(rev, "Serve");

        assertThat(Serialization.asJson(rev)).isEqualTo(before);
    }

    @Test
    void aRevisionThatSkippedDefaultingStillBuilds() {
        Revision rev = ServingFixtures.revision(NAMESPACE, NAME, Options.withUid(UID));

        Deployment d = Deployments.makeDeployment(rev, CONFIG);

        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(300L);
        assertThat(pod.getEnableServiceLinks()).isFalse();
        Container queue = pod.getContainers().get(1);
        assertThat(queue.getEnv())
                .contains(
                        new EnvVar("REVISION_TIMEOUT_SECONDS", "300", null),
                        new EnvVar("CONTAINER_CONCURRENCY", "0", null),
                        new EnvVar("SERVING_CONFIGURATION", "", null),
                        new EnvVar(
                                "SERVING_READINESS_PROBE",
                                "{\"successThreshold\":1,\"tcpSocket\":{\"host\":\"127.0.0.1\",\"port\":8080}}",
                                null));
        assertThat(d.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void theSameInputsBuildEqualObjects() {
        assertThat(Deployments.makeDeployment(revision(), CONFIG))
                .isEqualTo(Deployments.makeDeployment(revision(), CONFIG));
    }
}
