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
import dev.kinetic.api.eventing.v1.FilterValidation;
import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiServerSourceTest {

    static final ApiServerSource SOURCE = parse("""
            apiVersion: sources.knative.dev/v1
            kind: ApiServerSource
            metadata:
              name: events
              namespace: shop
            spec:
              serviceAccountName: events-sa
              mode: Reference
              resources:
                - apiVersion: v1
                  kind: Event
                - apiVersion: apps/v1
                  kind: Deployment
              sink:
                ref:
                  apiVersion: eventing.knative.dev/v1
                  kind: Broker
                  name: default
            """, ApiServerSource.class);

    static LabelSelector selector(String operator, String... values) {
        return new LabelSelector(List.of(new LabelSelectorRequirement("tier", operator, List.of(values))), Map.of());
    }

    static Arguments lifecycleRow(String name, Consumer<ApiServerSourceStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static void allTrue(ApiServerSourceStatus s) {
        s.initializeConditions();
        s.markSink("http://broker-ingress/shop/default");
        s.markDeployed();
        s.markSufficientPermissions();
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", ApiServerSourceStatus::initializeConditions, "Unknown", null),
                lifecycleRow("every dependent true", ApiServerSourceTest::allTrue, "True", null),
                lifecycleRow(
                        "not allowed to watch",
                        s -> {
                            allTrue(s);
                            s.markNoSufficientPermissions("InsufficientPermission", "cannot list events");
                        },
                        "False",
                        "InsufficientPermission"),
                lifecycleRow(
                        "adapter deploying",
                        s -> {
                            allTrue(s);
                            s.markDeploying("DeploymentUnavailable", "");
                        },
                        "Unknown",
                        "DeploymentUnavailable"),
                lifecycleRow(
                        "adapter failed",
                        s -> {
                            allTrue(s);
                            s.markNotDeployed("DeploymentFailed", "");
                        },
                        "False",
                        "DeploymentFailed"),
                lifecycleRow(
                        "no sink",
                        s -> {
                            allTrue(s);
                            s.markNoSink("NotFound", "");
                        },
                        "False",
                        "NotFound"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsTheApiServerSourceConditions(
            Consumer<ApiServerSourceStatus> marks, String ready, String readyReason) {
        ApiServerSourceStatus status = new ApiServerSourceStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void defaultsModeAndServiceAccount() {
        ApiServerSource source = with(SOURCE, s -> {
            s.getSpec().setMode(null);
            s.getSpec().setServiceAccountName(null);
        });
        ApiServerSourceDefaults.setDefaults(source);
        assertThat(source.getSpec().getMode()).isEqualTo("Reference");
        assertThat(source.getSpec().getServiceAccountName()).isEqualTo("default");
        assertThat(source.getSpec().getSink().getRef().getNamespace()).isEqualTo("shop");
        assertNoErrors(ApiServerSourceValidation.validate(source));
    }

    @Test
    void resourceModeAndOwnerAreKept() {
        ApiServerSource source = with(SOURCE, s -> {
            s.getSpec().setMode("Resource");
            s.getSpec().setOwner(new APIVersionKind().setApiVersion("apps/v1").setKind("ReplicaSet"));
        });
        ApiServerSourceDefaults.setDefaults(source);
        assertThat(source.getSpec().getMode()).isEqualTo("Resource");
        assertNoErrors(ApiServerSourceValidation.validate(source));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "unknown mode",
                        (ApiServerSource s) -> s.getSpec().setMode("Full"),
                        "spec.mode",
                        "invalid value: Full"),
                row(
                        "no resources",
                        (ApiServerSource s) -> s.getSpec().setResources(List.of()),
                        "spec.resources",
                        "missing field(s)"),
                row(
                        "resource without apiVersion",
                        (ApiServerSource s) -> s.getSpec().getResources().get(1).setApiVersion(null),
                        "spec.resources[1].apiVersion",
                        "missing field(s)"),
                row(
                        "resource with a malformed apiVersion",
                        (ApiServerSource s) -> s.getSpec().getResources().get(0).setApiVersion("apps/v1/beta"),
                        "spec.resources[0].apiVersion",
                        "invalid value: apps/v1/beta"),
                row(
                        "resource without kind",
                        (ApiServerSource s) -> s.getSpec().getResources().get(0).setKind(" "),
                        "spec.resources[0].kind",
                        "missing field(s)"),
                row(
                        "selector with an unknown operator",
                        (ApiServerSource s) -> s.getSpec().getResources().get(0).setSelector(selector("Like", "web")),
                        "spec.resources[0].selector.matchExpressions[0].operator",
                        "invalid value: Like"),
                row(
                        "In without values",
                        (ApiServerSource s) -> s.getSpec().getResources().get(0).setSelector(selector("In")),
                        "spec.resources[0].selector.matchExpressions[0].values",
                        "missing field(s)"),
                row(
                        "Exists with values",
                        (ApiServerSource s) -> s.getSpec().setNamespaceSelector(selector("Exists", "x")),
                        "spec.namespaceSelector.matchExpressions[0].values",
                        "must not set the field(s)"),
                row(
                        "owner without kind",
                        (ApiServerSource s) -> s.getSpec().setOwner(new APIVersionKind().setApiVersion("apps/v1")),
                        "spec.owner.kind",
                        "missing field(s)"),
                row(
                        "filter with two dialects",
                        (ApiServerSource s) -> s.getSpec()
                                .setFilters(List.of(new SubscriptionsAPIFilter()
                                        .setExact(Map.of("type", "a"))
                                        .setCesql("true"))),
                        "spec.filters[0]",
                        FilterValidation.MULTIPLE_DIALECTS),
                row(
                        "no sink",
                        (ApiServerSource s) -> s.getSpec().setSink(null),
                        "spec.sink.ref",
                        "expected at least one, got none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<ApiServerSource> change, String path, String message) {
        assertOnlyError(ApiServerSourceValidation.validate(with(SOURCE, change)), path, message);
    }
}
