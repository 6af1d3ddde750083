package dev.kinetic.testsupport.kubelet;

import static dev.kinetic.testsupport.kubelet.KubeletFixtures.SAMPLE_IMAGE;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.deployment;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.get;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.healthz;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.listening;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.pods;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.readyAddresses;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.sampleApp;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.service;
import static dev.kinetic.testsupport.kubelet.KubeletFixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kinetic.testsupport.app.SampleApp;
import dev.kinetic.testsupport.kube.WithKineticApi;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fake kubelet against the Kubernetes test server, with real servers on the pods' loopback addresses. */
@WithKineticApi
class FakeKubeletTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final SampleAppRuntime apps = new SampleAppRuntime();
    private FakeKubelet kubelet;

    @TempDir
    Path logs;

    FakeKubeletTest(KubernetesClient client) {
        this.client = client;
    }

    @AfterEach
    void stop() {
        if (kubelet != null) {
            kubelet.close();
        }
        apps.close();
    }

    private void start(String namespace, ContainerRuntimes runtimes) {
        kubelet = new FakeKubelet(
                        client,
                        runtimes,
                        FakeKubelet.Options.defaults()
                                .inNamespace(namespace)
                                .withLogDirectory(logs)
                                .withProbePeriod(Duration.ofMillis(100)))
                .start();
    }

    private void start(String namespace) {
        start(namespace, ContainerRuntimes.of().image(SAMPLE_IMAGE, apps));
    }

    @Test
    void podsGetLoopbackAddressesOfTheirOwnBecomeReadyAndServe() throws Exception {
        String ns = "serve";
        start(ns);
        Deployment created = client.resource(sampleApp(ns, "hello", 2)).create();

        List<Pod> pods = awaitReadyPods(ns, "hello", 2);
        List<String> ips = pods.stream().map(p -> p.getStatus().getPodIP()).toList();
        assertThat(ips)
                .doesNotHaveDuplicates()
                .allSatisfy(ip -> assertThat(ip).startsWith("127.0.").doesNotStartWith("127.0.0."));
        for (Pod pod : pods) {
            assertThat(pod.getMetadata().getName()).startsWith("hello-");
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry("app", "hello")
                    .containsKey("pod-template-hash");
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("Deployment");
                assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
            });
            assertThat(pod.getSpec().getNodeName()).isEqualTo("kinetic-fake-node");
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getHostIP()).isEqualTo("127.0.0.1");
            assertThat(pod.getStatus().getContainerStatuses()).singleElement().satisfies(cs -> {
                assertThat(cs.getReady()).isTrue();
                assertThat(cs.getState().getRunning()).isNotNull();
            });
            String ip = pod.getStatus().getPodIP();
            assertThat(get(ip, 8080, "/").body()).isEqualTo("hello");
            SampleApp app = apps.app(ns, pod.getMetadata().getName()).orElseThrow();
            assertThat(app.host()).isEqualTo(ip);
            assertThat(app.served()).isEqualTo(1);
        }
        assertThat(listening("127.0.0.1", 8080))
                .as("nothing of the pods on 127.0.0.1")
                .isFalse();

        DeploymentStatus status = awaitStatus(ns, "hello", s -> s.getReadyReplicas() == 2);
        assertThat(status.getObservedGeneration())
                .isEqualTo(created.getMetadata().getGeneration());
        assertThat(status.getReplicas()).isEqualTo(2);
        assertThat(status.getUpdatedReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(2);
        assertThat(status.getUnavailableReplicas()).isZero();
        assertThat(condition(status, "Available"))
                .extracting(DeploymentCondition::getStatus, DeploymentCondition::getReason)
                .containsExactly("True", "MinimumReplicasAvailable");
        assertThat(condition(status, "Progressing"))
                .extracting(DeploymentCondition::getStatus, DeploymentCondition::getReason)
                .containsExactly("True", "NewReplicaSetAvailable");
    }

    @Test
    void endpointSlicesListThePodsOfEveryServiceThatSelectsThem() {
        String ns = "slices";
        start(ns);
        client.resource(sampleApp(ns, "web", 2)).create();
        List<Pod> pods = awaitReadyPods(ns, "web", 2);
        List<String> ips =
                pods.stream().map(p -> p.getStatus().getPodIP()).sorted().toList();

        // Services created after their pods get slices too; one without a selector is not the kubelet's business.
        client.resource(service(ns, "web", Map.of("app", "web"))).create();
        client.resource(service(ns, "other", Map.of("app", "nothing"))).create();
        client.resource(new ServiceBuilder(service(ns, "public", Map.of()))
                        .editSpec()
                        .withSelector(null)
                        .endSpec()
                        .build())
                .create();
        EndpointSlice web = awaitSlice(ns, "web", s -> readyAddresses(s).size() == 2);
        assertThat(readyAddresses(web)).isEqualTo(ips);
        assertThat(web.getAddressType()).isEqualTo("IPv4");
        assertThat(web.getMetadata().getLabels())
                .containsEntry("kubernetes.io/service-name", "web")
                .containsKey("endpointslice.kubernetes.io/managed-by");
        assertThat(web.getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getName()).isEqualTo("http");
            assertThat(port.getPort()).isEqualTo(8080);
            assertThat(port.getProtocol()).isEqualTo("TCP");
        });
        assertThat(web.getEndpoints()).allSatisfy(e -> {
            assertThat(e.getTargetRef().getKind()).isEqualTo("Pod");
            assertThat(e.getNodeName()).isEqualTo("kinetic-fake-node");
            assertThat(e.getConditions().getServing()).isTrue();
            assertThat(e.getConditions().getTerminating()).isFalse();
        });
        assertThat(awaitSlice(ns, "other", s -> true).getEndpoints()).isEmpty();
        assertThat(slice(client, ns, "public")).isEmpty();

        // A pod whose probe fails leaves the ready endpoints, and the Deployment's ready count.
        Pod first = pods.get(0);
        SampleApp app = apps.app(ns, first.getMetadata().getName()).orElseThrow();
        app.ready(false);
        EndpointSlice oneReady = awaitSlice(ns, "web", s -> readyAddresses(s).size() == 1);
        assertThat(readyAddresses(oneReady)).doesNotContain(first.getStatus().getPodIP());
        assertThat(awaitStatus(ns, "web", s -> s.getReadyReplicas() == 1).getUnavailableReplicas())
                .isEqualTo(1);
        app.ready(true);
        awaitSlice(ns, "web", s -> readyAddresses(s).size() == 2);

        client.services().inNamespace(ns).withName("other").delete();
        await().atMost(LONG).until(() -> slice(client, ns, "other").isEmpty());
    }

    @Test
    void scalesFromTwoToThreeToOne() {
        String ns = "scale";
        start(ns);
        client.resource(sampleApp(ns, "s", 2)).create();
        client.resource(service(ns, "s", Map.of("app", "s"))).create();
        List<Pod> two = awaitReadyPods(ns, "s", 2);

        scale(ns, "s", 3);
        List<Pod> three = awaitReadyPods(ns, "s", 3);
        awaitSlice(ns, "s", s -> readyAddresses(s).size() == 3);
        assertThat(awaitStatus(ns, "s", s -> s.getReadyReplicas() == 3).getReplicas())
                .isEqualTo(3);

        scale(ns, "s", 1);
        List<Pod> one = awaitPods(ns, "s", p -> p.size() == 1);
        // The newest go first: the survivor is one of the two original pods.
        assertThat(names(two)).contains(one.get(0).getMetadata().getName());
        EndpointSlice slice = awaitSlice(ns, "s", s -> s.getEndpoints().size() == 1);
        assertThat(readyAddresses(slice)).containsExactly(one.get(0).getStatus().getPodIP());
        for (Pod gone : three) {
            if (!gone.getMetadata().getName().equals(one.get(0).getMetadata().getName())) {
                assertThat(listening(gone.getStatus().getPodIP(), 8080)).isFalse();
                assertThat(apps.app(ns, gone.getMetadata().getName())).isEmpty();
            }
        }
        DeploymentStatus status = awaitStatus(ns, "s", s -> s.getReplicas() == 1);
        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertThat(condition(status, "Available").getStatus()).isEqualTo("True");
    }

    @Test
    void aStoppingPodLeavesTheReadyEndpointsAtOnceAndGoesOnceItsPreStopHookIsDone() throws Exception {
        String ns = "stopping";
        start(ns);
        // The hook holds the pod in Terminating for a second and a half, as the queue-proxy's drain does.
        Deployment d = deployment(ns, "slow", 1, SAMPLE_IMAGE, healthz())
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .withNewLifecycle()
                .withNewPreStop()
                .withNewHttpGet()
                .withPath("/?sleep=1500")
                .withPort(new IntOrString(8080))
                .endHttpGet()
                .endPreStop()
                .endLifecycle()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.resource(d).create();
        client.resource(service(ns, "slow", Map.of("app", "slow"))).create();
        Pod pod = awaitOneReadyPod(ns, "slow");
        String ip = pod.getStatus().getPodIP();
        awaitSlice(ns, "slow", s -> readyAddresses(s).size() == 1);

        scale(ns, "slow", 0);
        EndpointSlice draining = awaitSlice(ns, "slow", s -> readyAddresses(s).isEmpty());
        assertThat(draining.getEndpoints()).singleElement().satisfies(e -> {
            assertThat(e.getAddresses()).containsExactly(ip);
            assertThat(e.getConditions().getTerminating()).isTrue();
            assertThat(e.getConditions().getReady()).isFalse();
        });
        Pod terminating = client.pods()
                .inNamespace(ns)
                .withName(pod.getMetadata().getName())
                .get();
        assertThat(terminating.getMetadata().getDeletionTimestamp()).isNotNull();
        assertThat(get(ip, 8080, "/").body())
                .as("still serving while it drains")
                .isEqualTo("hello");

        await().atMost(LONG).until(() -> pods(client, ns, "slow").isEmpty());
        assertThat(listening(ip, 8080)).isFalse();
        assertThat(awaitSlice(ns, "slow", s -> s.getEndpoints().isEmpty()).getEndpoints())
                .isEmpty();
    }

    @Test
    void aStartDelayDelaysReadiness() {
        String ns = "cold";
        start(ns);
        Deployment d = deployment(ns, "cold", 1, SAMPLE_IMAGE, healthz())
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .addToEnv(new EnvVar("START_DELAY_MS", "1500", null))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        long begun = System.nanoTime();
        client.resource(d).create();

        Pod starting = awaitPods(
                        ns,
                        "cold",
                        p -> p.size() == 1
                                && p.get(0).getStatus() != null
                                && p.get(0).getStatus().getPodIP() != null)
                .get(0);
        assertThat(KubeletFixtures.ready(starting)).isFalse();
        awaitOneReadyPod(ns, "cold");
        assertThat(Duration.ofNanos(System.nanoTime() - begun)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(apps.app(ns, starting.getMetadata().getName()).orElseThrow().port())
                .isEqualTo(8080);
    }

    @Test
    void anImageNoRuntimeServesCannotBePulledAndTheRolloutTimesOut() {
        String ns = "pull";
        start(ns);
        Deployment d = deployment(ns, "ghost", 1, "example.com/nobody/ghost:1.0", null)
                .editSpec()
                .withProgressDeadlineSeconds(1)
                .endSpec()
                .build();
        client.resource(d).create();

        Pod pod = awaitPods(ns, "ghost", p -> p.size() == 1 && waitingReason(p.get(0)) != null)
                .get(0);
        assertThat(waitingReason(pod)).isIn("ErrImagePull", "ImagePullBackOff");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(KubeletFixtures.ready(pod)).isFalse();
        awaitPods(ns, "ghost", p -> "ImagePullBackOff".equals(waitingReason(p.get(0))));

        DeploymentStatus status = awaitStatus(
                ns, "ghost", s -> "False".equals(condition(s, "Progressing").getStatus()));
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("ProgressDeadlineExceeded");
        assertThat(condition(status, "Available"))
                .extracting(DeploymentCondition::getStatus, DeploymentCondition::getReason)
                .containsExactly("False", "MinimumReplicasUnavailable");
        assertThat(status.getReadyReplicas()).isZero();
        assertThat(status.getUnavailableReplicas()).isEqualTo(1);
    }

    @Test
    void aJavaProcessRunsSampleAppsMainAndSigtermStopsIt() throws Exception {
        String ns = "process";
        JavaProcessRuntime process = JavaProcessRuntime.mainClass(
                System.getProperty("java.class.path"),
                SampleApp.class.getName(),
                List.of("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
                ip -> Map.of("BIND_ADDRESS", ip));
        start(ns, ContainerRuntimes.of().prefix("kinetic/sample-app-process", process));
        client.resource(deployment(ns, "proc", 1, "kinetic/sample-app-process:latest", healthz())
                        .build())
                .create();

        Pod pod = awaitOneReadyPod(ns, "proc");
        String ip = pod.getStatus().getPodIP();
        assertThat(get(ip, 8080, "/").body()).isEqualTo("hello");
        Path log = logs.resolve(ns + "_" + pod.getMetadata().getName() + "_user-container.log");
        assertThat(Files.readString(log)).contains("sample app listening on " + ip + ":8080");

        client.apps().deployments().inNamespace(ns).withName("proc").delete();
        await().atMost(LONG).until(() -> pods(client, ns, "proc").isEmpty());
        // The shutdown hook ran: the process got SIGTERM and stopped by itself, it was not killed.
        assertThat(Files.readString(log)).contains("sample app stopping");
        assertThat(listening(ip, 8080)).isFalse();
    }

    @Test
    void aContainerThatExitsIsReportedTerminatedWithItsExitCode() {
        String ns = "crash";
        JavaProcessRuntime missingMain = JavaProcessRuntime.mainClass(
                System.getProperty("java.class.path"), "dev.kinetic.NoSuchMain", List.of(), ip -> Map.of());
        start(ns, ContainerRuntimes.of().image("kinetic/crasher", missingMain));
        client.resource(deployment(ns, "crash", 1, "kinetic/crasher", null).build())
                .create();

        Pod pod = awaitPods(ns, "crash", p -> p.size() == 1 && terminated(p.get(0)) != null)
                .get(0);
        assertThat(terminated(pod).getState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(terminated(pod).getState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(terminated(pod).getReady()).isFalse();
        assertThat(KubeletFixtures.ready(pod)).isFalse();
    }

    @Test
    void runtimesGetTheEnvironmentWithFieldReferencesResolved() {
        String ns = "env";
        List<ContainerRuntime.Launch> launches = new CopyOnWriteArrayList<>();
        ContainerRuntime recorder = launch -> {
            launches.add(launch);
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            return new ContainerRuntime.Running() {
                @Override
                public CompletableFuture<Integer> exit() {
                    return exit;
                }

                @Override
                public void stop(Duration grace) {
                    exit.complete(0);
                }
            };
        };
        start(ns, ContainerRuntimes.of().image("kinetic/recorder", recorder));
        Deployment d = deployment(ns, "env", 1, "kinetic/recorder", null)
                .editSpec()
                .editTemplate()
                .editSpec()
                .editFirstContainer()
                .addToEnv(fieldRef("SERVING_POD", "metadata.name"))
                .addToEnv(fieldRef("SERVING_POD_IP", "status.podIP"))
                .addToEnv(fieldRef("HOST_IP", "status.hostIP"))
                .addToEnv(fieldRef("NAMESPACE", "metadata.namespace"))
                .addToEnv(fieldRef("APP", "metadata.labels['app']"))
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
        client.resource(d).create();

        Pod pod = awaitOneReadyPod(ns, "env");
        assertThat(launches).singleElement().satisfies(launch -> {
            assertThat(launch.podIp()).isEqualTo(pod.getStatus().getPodIP());
            assertThat(launch.podName()).isEqualTo(pod.getMetadata().getName());
            assertThat(launch.env())
                    .containsEntry("PORT", "8080")
                    .containsEntry("SERVING_POD", pod.getMetadata().getName())
                    .containsEntry("SERVING_POD_IP", pod.getStatus().getPodIP())
                    .containsEntry("HOST_IP", "127.0.0.1")
                    .containsEntry("NAMESPACE", ns)
                    .containsEntry("APP", "env");
        });
    }

    @Test
    void aDeletedPodIsReplaced() {
        String ns = "replace";
        start(ns);
        client.resource(sampleApp(ns, "r", 1)).create();
        Pod first = awaitOneReadyPod(ns, "r");

        client.pods().inNamespace(ns).withName(first.getMetadata().getName()).delete();
        Pod second = awaitOneReadyPodOtherThan(ns, "r", first);
        assertThat(second.getStatus().getPodIP()).isNotEqualTo(first.getStatus().getPodIP());
        assertThat(listening(first.getStatus().getPodIP(), 8080)).isFalse();
    }

    @Test
    void aNewTemplateRollsOutWithoutTakingTheReadyPodAwayFirst() {
        String ns = "rollout";
        start(ns);
        client.resource(sampleApp(ns, "roll", 1)).create();
        Pod old = awaitOneReadyPod(ns, "roll");

        client.apps().deployments().inNamespace(ns).withName("roll").edit(d -> {
            d.getSpec().getTemplate().getMetadata().setAnnotations(Map.of("restartedAt", "now"));
            return d;
        });
        Pod replacement = awaitOneReadyPodOtherThan(ns, "roll", old);
        assertThat(replacement.getMetadata().getLabels().get("pod-template-hash"))
                .isNotEqualTo(old.getMetadata().getLabels().get("pod-template-hash"));
        DeploymentStatus status = awaitStatus(ns, "roll", s -> s.getReplicas() == 1 && s.getUpdatedReplicas() == 1);
        assertThat(status.getObservedGeneration()).isEqualTo(2);
        assertThat(condition(status, "Progressing").getReason()).isEqualTo("NewReplicaSetAvailable");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void scale(String ns, String name, int replicas) {
        client.apps().deployments().inNamespace(ns).withName(name).edit(d -> {
            d.getSpec().setReplicas(replicas);
            return d;
        });
    }

    private List<Pod> awaitReadyPods(String ns, String app, int count) {
        return awaitPods(ns, app, p -> p.size() == count && p.stream().allMatch(KubeletFixtures::ready));
    }

    private Pod awaitOneReadyPod(String ns, String app) {
        return awaitReadyPods(ns, app, 1).get(0);
    }

    /** The one pod of {@code app} once it is ready and is not {@code old}. */
    private Pod awaitOneReadyPodOtherThan(String ns, String app, Pod old) {
        String oldName = old.getMetadata().getName();
        return awaitPods(
                        ns,
                        app,
                        p -> p.size() == 1
                                && !p.get(0).getMetadata().getName().equals(oldName)
                                && KubeletFixtures.ready(p.get(0)))
                .get(0);
    }

    private List<Pod> awaitPods(String ns, String app, Predicate<List<Pod>> condition) {
        return await().atMost(LONG).until(() -> pods(client, ns, app), condition);
    }

    private EndpointSlice awaitSlice(String ns, String service, Predicate<EndpointSlice> condition) {
        return await().atMost(LONG)
                .until(() -> slice(client, ns, service), s -> s.isPresent() && condition.test(s.get()))
                .orElseThrow();
    }

    private DeploymentStatus awaitStatus(String ns, String name, Predicate<DeploymentStatus> condition) {
        return await().atMost(LONG)
                .until(
                        () -> Optional.ofNullable(client.apps()
                                        .deployments()
                                        .inNamespace(ns)
                                        .withName(name)
                                        .get())
                                .map(Deployment::getStatus),
                        s -> s.isPresent() && s.get().getConditions().size() == 2 && condition.test(s.get()))
                .orElseThrow();
    }

    private static DeploymentCondition condition(DeploymentStatus status, String type) {
        return status.getConditions().stream()
                .filter(c -> type.equals(c.getType()))
                .findFirst()
                .orElseThrow();
    }

    private static String waitingReason(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses().isEmpty()) {
            return null;
        }
        var waiting = pod.getStatus().getContainerStatuses().get(0).getState().getWaiting();
        return waiting == null ? null : waiting.getReason();
    }

    private static ContainerStatus terminated(Pod pod) {
        if (pod.getStatus() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(cs -> cs.getState().getTerminated() != null)
                .findFirst()
                .orElse(null);
    }

    private static Set<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static EnvVar fieldRef(String name, String path) {
        return new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewFieldRef()
                .withFieldPath(path)
                .endFieldRef()
                .endValueFrom()
                .build();
    }
}
