package dev.kinetic.api.sources.v1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.duck.v1.ConditionSet;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SinkBindingTest {

    static final SinkBinding BINDING = parse("""
            apiVersion: sources.knative.dev/v1
            kind: SinkBinding
            metadata:
              name: bind-heartbeat
              namespace: shop
            spec:
              subject:
                apiVersion: apps/v1
                kind: Deployment
                name: heartbeat
              sink:
                uri: http://display.shop.svc.cluster.local
            """, SinkBinding.class);

    static Arguments lifecycleRow(String name, Consumer<SinkBindingStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", SinkBindingStatus::initializeConditions, "Unknown", null),
                lifecycleRow(
                        "sink provided",
                        s -> {
                            s.initializeConditions();
                            s.markSink("http://display");
                        },
                        "True",
                        null),
                lifecycleRow(
                        "binding unavailable",
                        s -> {
                            s.initializeConditions();
                            s.markSink("http://display");
                            s.markBindingUnavailable("SubjectMissing", "no deployment heartbeat");
                        },
                        "False",
                        "SubjectMissing"),
                lifecycleRow(
                        "binding available again",
                        s -> {
                            s.initializeConditions();
                            s.markSink("http://display");
                            s.markBindingUnavailable("SubjectMissing", "");
                            s.markBindingAvailable();
                        },
                        "True",
                        null),
                lifecycleRow(
                        "sink missing",
                        s -> {
                            s.initializeConditions();
                            s.markNoSink("NotFound", "display");
                        },
                        "False",
                        "NotFound"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsSinkAndBinding(Consumer<SinkBindingStatus> marks, String ready, String readyReason) {
        SinkBindingStatus status = new SinkBindingStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void subjectGetsTheBindingsNamespace() {
        SinkBinding binding = with(BINDING, b -> {});
        SinkBindingDefaults.setDefaults(binding);
        assertThat(binding.getSpec().getSubject().getNamespace()).isEqualTo("shop");
        assertNoErrors(SinkBindingValidation.validate(binding));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row("no subject", (SinkBinding b) -> b.getSpec().setSubject(null), "spec.subject", "missing field(s)"),
                row(
                        "subject without apiVersion",
                        (SinkBinding b) -> b.getSpec().getSubject().setApiVersion(null),
                        "spec.subject.apiVersion",
                        "missing field(s)"),
                row(
                        "subject without kind",
                        (SinkBinding b) -> b.getSpec().getSubject().setKind(""),
                        "spec.subject.kind",
                        "missing field(s)"),
                row(
                        "subject with name and selector",
                        (SinkBinding b) ->
                                b.getSpec().getSubject().setSelector(new LabelSelector(null, Map.of("app", "x"))),
                        "spec.subject.selector",
                        "expected exactly one, got both"),
                row(
                        "subject with neither name nor selector",
                        (SinkBinding b) -> b.getSpec().getSubject().setName(null),
                        "spec.subject.name",
                        "expected exactly one, got neither"),
                row(
                        "subject in another namespace",
                        (SinkBinding b) -> b.getSpec().getSubject().setNamespace("other"),
                        "spec.subject.namespace",
                        "invalid value: other"),
                row(
                        "no sink",
                        (SinkBinding b) -> b.getSpec().setSink(null),
                        "spec.sink.uri",
                        "expected at least one, got none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<SinkBinding> change, String path, String message) {
        assertOnlyError(SinkBindingValidation.validate(with(BINDING, change)), path, message);
    }

    @Test
    void selectorSubject() {
        SinkBinding binding = with(BINDING, b -> {
            b.getSpec().getSubject().setName(null);
            b.getSpec().getSubject().setSelector(new LabelSelector(null, Map.of("app", "heartbeat")));
        });
        assertNoErrors(SinkBindingValidation.validate(binding));
    }
}
