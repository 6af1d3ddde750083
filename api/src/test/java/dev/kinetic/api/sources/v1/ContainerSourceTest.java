package dev.kinetic.api.sources.v1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import io.fabric8.kubernetes.api.model.Container;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerSourceTest {

    static final ContainerSource SOURCE = parse("""
            apiVersion: sources.knative.dev/v1
            kind: ContainerSource
            metadata:
              name: heartbeats
              namespace: shop
            spec:
              template:
                spec:
                  containers:
                    - image: example/heartbeats
                      name: heartbeats
              sink:
                ref:
                  apiVersion: serving.knative.dev/v1
                  kind: Service
                  name: display
            """, ContainerSource.class);

    static SinkBindingStatus binding(String ready) {
        SinkBindingStatus binding = new SinkBindingStatus();
        binding.setSinkUri("http://display.shop.svc.cluster.local");
        if (ready != null) {
            binding.setConditions(
                    List.of(new Condition().setType("Ready").setStatus(ready).setReason("Why")));
        }
        return binding;
    }

    static Arguments lifecycleRow(String name, Consumer<ContainerSourceStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", ContainerSourceStatus::initializeConditions, "Unknown", null),
                lifecycleRow(
                        "binding and adapter ready",
                        s -> {
                            s.propagateSinkBindingStatus(binding("True"));
                            s.markReceiveAdapterReady();
                        },
                        "True",
                        null),
                lifecycleRow(
                        "binding failed",
                        s -> {
                            s.markReceiveAdapterReady();
                            s.propagateSinkBindingStatus(binding("False"));
                        },
                        "False",
                        "Why"),
                lifecycleRow(
                        "binding without Ready",
                        s -> {
                            s.markReceiveAdapterReady();
                            s.propagateSinkBindingStatus(binding(null));
                        },
                        "Unknown",
                        "SinkBindingNotReady"),
                lifecycleRow(
                        "binding unknown",
                        s -> {
                            s.markReceiveAdapterReady();
                            s.propagateSinkBindingStatus(binding("Unknown"));
                        },
                        "Unknown",
                        "Why"),
                lifecycleRow(
                        "adapter not ready",
                        s -> {
                            s.propagateSinkBindingStatus(binding("True"));
                            s.markReceiveAdapterNotReady("DeploymentUnavailable", "");
                        },
                        "False",
                        "DeploymentUnavailable"),
                lifecycleRow(
                        "adapter rolling out",
                        s -> {
                            s.propagateSinkBindingStatus(binding("True"));
                            s.markReceiveAdapterUnknown("Progressing", "");
                        },
                        "Unknown",
                        "Progressing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsBindingAndAdapter(Consumer<ContainerSourceStatus> marks, String ready, String readyReason) {
        ContainerSourceStatus status = new ContainerSourceStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void sinkComesFromTheBinding() {
        ContainerSourceStatus status = new ContainerSourceStatus();
        status.propagateSinkBindingStatus(binding("True"));
        assertThat(status.getSinkUri()).isEqualTo("http://display.shop.svc.cluster.local");
    }

    @Test
    void unnamedContainersAreNamedAfterTheSource() {
        ContainerSource source = with(SOURCE, s -> {
            List<Container> containers = s.getSpec().getTemplate().getSpec().getContainers();
            containers.get(0).setName(null);
            Container second = new Container();
            second.setImage("example/sidecar");
            containers.add(second);
        });
        ContainerSourceDefaults.setDefaults(source);
        assertThat(source.getSpec().getTemplate().getSpec().getContainers())
                .extracting(Container::getName)
                .containsExactly("heartbeats-0", "heartbeats-1");
        assertNoErrors(ContainerSourceValidation.validate(source));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "no template",
                        (ContainerSource s) -> s.getSpec().setTemplate(null),
                        "spec.template.spec.containers",
                        "missing field(s)"),
                row(
                        "no containers",
                        (ContainerSource s) ->
                                s.getSpec().getTemplate().getSpec().setContainers(List.of()),
                        "spec.template.spec.containers",
                        "missing field(s)"),
                row(
                        "container without image",
                        (ContainerSource s) -> s.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .setImage(null),
                        "spec.template.spec.containers[0].image",
                        "missing field(s)"),
                row(
                        "container without name",
                        (ContainerSource s) -> s.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .setName(""),
                        "spec.template.spec.containers[0].name",
                        "missing field(s)"),
                row(
                        "no sink",
                        (ContainerSource s) -> s.getSpec().setSink(null),
                        "spec.sink.ref",
                        "expected at least one, got none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<ContainerSource> change, String path, String message) {
        assertOnlyError(ContainerSourceValidation.validate(with(SOURCE, change)), path, message);
    }
}
