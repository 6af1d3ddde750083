package dev.kinetic.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Manifests;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.ServingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a Knative user sees after admission: the defaults of serving.md §1.2–1.3. */
class ServingDefaultsTest {
    private static final ServingConfig KNATIVE = ServingConfig.shipped();

    static Service service(String yaml) {
        return (Service) Manifests.parse(yaml);
    }

    @Test
    void helloWorldGetsKnativesDefaults() {
        Service svc = service("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      containers:
                        - image: ghcr.io/knative/helloworld-go
                """);
        ServingDefaults.setDefaults(svc, KNATIVE);
        // As `kubectl get ksvc hello -o yaml` shows it on Knative with shipped config-defaults.
        assertThat(Manifests.canonical(Manifests.toTree(svc)))
                .isEqualTo(Manifests.canonical(Manifests.readYamlTree("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      containerConcurrency: 0
                      timeoutSeconds: 300
                      enableServiceLinks: false
                      containers:
                        - name: user-container
                          image: ghcr.io/knative/helloworld-go
                          readinessProbe:
                            successThreshold: 1
                            tcpSocket:
                              port: 0
                  traffic:
                    - latestRevision: true
                      percent: 100
                """)));
    }

    @Test
    void explicitValuesAreKeptAndPeriodicProbesGetKubernetesThresholds() {
        Service svc = service("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      containerConcurrency: 5
                      timeoutSeconds: 60
                      enableServiceLinks: true
                      containers:
                        - name: app
                          image: example/app
                          readinessProbe:
                            httpGet:
                              path: /ready
                            periodSeconds: 10
                  traffic:
                    - revisionName: hello-00001
                      percent: 100
                """);
        ServingDefaults.setDefaults(svc, KNATIVE);
        RevisionSpec spec = svc.getSpec().getTemplate().getSpec();
        assertThat(spec.getContainerConcurrency()).isEqualTo(5);
        assertThat(spec.getTimeoutSeconds()).isEqualTo(60);
        assertThat(spec.getEnableServiceLinks()).isTrue();
        assertThat(spec.getContainers().get(0).getName()).isEqualTo("app");
        var probe = spec.getContainers().get(0).getReadinessProbe();
        assertThat(probe.getTcpSocket()).isNull();
        assertThat(probe.getFailureThreshold()).isEqualTo(3);
        assertThat(probe.getTimeoutSeconds()).isEqualTo(1);
        assertThat(probe.getSuccessThreshold()).isEqualTo(1);
        TrafficTarget target = svc.getSpec().getTraffic().get(0);
        assertThat(target.getLatestRevision()).isFalse();
        // Only one target: no latest-revision target is added when the user wrote traffic.
        assertThat(svc.getSpec().getTraffic()).hasSize(1);
    }

    @Test
    void responseStartAndIdleTimeoutsAreOnlyDefaultedBelowTheRequestTimeout() {
        ServingConfig config = KNATIVE.withDefaults(DefaultsConfig.fromMap(Map.of(
                        "revision-response-start-timeout-seconds", "30",
                        "revision-idle-timeout-seconds", "20",
                        "revision-cpu-request", "50m"))
                .config());
        RevisionSpec spec = new RevisionSpec();
        spec.setContainers(
                new java.util.ArrayList<>(java.util.List.of(new io.fabric8.kubernetes.api.model.ContainerBuilder()
                        .withImage("a")
                        .build())));
        ServingDefaults.setDefaults(spec, config);
        assertThat(spec.getResponseStartTimeoutSeconds()).isEqualTo(30);
        assertThat(spec.getIdleTimeoutSeconds()).isEqualTo(20);
        assertThat(spec.getContainers()
                        .get(0)
                        .getResources()
                        .getRequests()
                        .get("cpu")
                        .toString())
                .isEqualTo("50m");

        RevisionSpec shortTimeout = new RevisionSpec().setTimeoutSeconds(10L);
        ServingDefaults.setDefaults(shortTimeout, config);
        assertThat(shortTimeout.getResponseStartTimeoutSeconds()).isNull();
        assertThat(shortTimeout.getIdleTimeoutSeconds()).isNull();
    }

    @Test
    void unnamedContainersOfAMultiContainerRevisionGetIndexedNames() {
        Service svc = service("""
                apiVersion: serving.knative.dev/v1
                kind: Service
                metadata:
                  name: hello
                spec:
                  template:
                    spec:
                      containers:
                        - image: example/a
                          ports:
                            - containerPort: 8080
                        - image: example/b
                """);
        ServingDefaults.setDefaults(svc, KNATIVE);
        var containers = svc.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).extracting(c -> c.getName()).containsExactly("user-container-0", "user-container-1");
        // Only the serving container gets the default readiness probe.
        assertThat(containers.get(0).getReadinessProbe()).isNotNull();
        assertThat(containers.get(1).getReadinessProbe()).isNull();
    }
}
