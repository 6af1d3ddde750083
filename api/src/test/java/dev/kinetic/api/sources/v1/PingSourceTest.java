package dev.kinetic.api.sources.v1;

import static dev.kinetic.api.eventing.EventingFixtures.assertNoErrors;
import static dev.kinetic.api.eventing.EventingFixtures.assertOnlyError;
import static dev.kinetic.api.eventing.EventingFixtures.parse;
import static dev.kinetic.api.eventing.EventingFixtures.reason;
import static dev.kinetic.api.eventing.EventingFixtures.row;
import static dev.kinetic.api.eventing.EventingFixtures.state;
import static dev.kinetic.api.eventing.EventingFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.CloudEventOverrides;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Destination;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PingSourceTest {

    static final PingSource SOURCE = parse("""
            apiVersion: sources.knative.dev/v1
            kind: PingSource
            metadata:
              name: heartbeat
              namespace: shop
            spec:
              schedule: "*/5 * * * *"
              contentType: application/json
              data: '{"message": "ping"}'
              sink:
                ref:
                  apiVersion: serving.knative.dev/v1
                  kind: Service
                  name: display
            """, PingSource.class);

    static Arguments lifecycleRow(String name, Consumer<PingSourceStatus> marks, String ready, String reason) {
        return Arguments.of(Named.of(name, marks), ready, reason);
    }

    static void allTrue(PingSourceStatus s) {
        s.initializeConditions();
        s.markSink("http://display.shop.svc.cluster.local");
        s.markDeployed();
    }

    static Stream<Arguments> lifecycle() {
        return Stream.of(
                lifecycleRow("initialized", PingSourceStatus::initializeConditions, "Unknown", null),
                lifecycleRow("sink and adapter", PingSourceTest::allTrue, "True", null),
                lifecycleRow(
                        "sink resolved to nothing",
                        s -> {
                            allTrue(s);
                            s.markSink(new Addressable());
                        },
                        "False",
                        "SinkEmpty"),
                lifecycleRow(
                        "sink missing",
                        s -> {
                            allTrue(s);
                            s.markNoSink("NotFound", "display");
                        },
                        "False",
                        "NotFound"),
                lifecycleRow(
                        "adapter deploying",
                        s -> {
                            allTrue(s);
                            s.markDeploying("DeploymentUnavailable", "0/1");
                        },
                        "Unknown",
                        "DeploymentUnavailable"),
                lifecycleRow(
                        "adapter failed",
                        s -> {
                            allTrue(s);
                            s.markNotDeployed("DeploymentFailed", "image pull");
                        },
                        "False",
                        "DeploymentFailed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycle")
    void readyFollowsSinkAndAdapter(Consumer<PingSourceStatus> marks, String ready, String readyReason) {
        PingSourceStatus status = new PingSourceStatus();
        marks.accept(status);
        assertThat(state(status, ConditionSet.READY)).isEqualTo(ready);
        assertThat(reason(status, ConditionSet.READY)).isEqualTo(readyReason);
    }

    @Test
    void sinkAddressLandsInTheStatus() {
        PingSourceStatus status = new PingSourceStatus();
        status.markSink(new Addressable().setUrl("https://x").setCaCerts("pem").setAudience("aud"));
        assertThat(status.getSinkUri()).isEqualTo("https://x");
        assertThat(status.getSinkCaCerts()).isEqualTo("pem");
        assertThat(status.getSinkAudience()).isEqualTo("aud");
        status.markNoSink("Gone", "");
        assertThat(status.getSinkUri()).isNull();
    }

    @Test
    void readyOnlyForTheObservedGeneration() {
        PingSource source = with(SOURCE, p -> {
            p.getMetadata().setGeneration(1L);
            p.setStatus(new PingSourceStatus());
            allTrue(p.getStatus());
            p.getStatus().setObservedGeneration(1L);
        });
        assertThat(source.isReady()).isTrue();
        source.getStatus().setObservedGeneration(0L);
        assertThat(source.isReady()).isFalse();
    }

    @Test
    void scheduleDefaultsToEveryMinute() {
        PingSource source = with(SOURCE, p -> {
            p.getSpec().setSchedule(null);
            p.getSpec().getSink().getRef().setNamespace(null);
        });
        PingSourceDefaults.setDefaults(source);
        assertThat(source.getSpec().getSchedule()).isEqualTo("* * * * *");
        assertThat(source.getSpec().getSink().getRef().getNamespace()).isEqualTo("shop");
        assertNoErrors(PingSourceValidation.validate(source));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                row(
                        "bad cron",
                        (PingSource p) -> p.getSpec().setSchedule("* * * *"),
                        "spec.schedule",
                        "invalid value: * * * *"),
                row(
                        "@every refused",
                        (PingSource p) -> p.getSpec().setSchedule("@every 1m"),
                        "spec.schedule",
                        "invalid value: @every 1m"),
                row(
                        "time zone twice",
                        (PingSource p) -> {
                            p.getSpec().setSchedule("CRON_TZ=UTC * * * * *");
                            p.getSpec().setTimezone("Europe/Paris");
                        },
                        "spec.schedule",
                        "invalid value: CRON_TZ=UTC * * * * *"),
                row(
                        "unknown time zone",
                        (PingSource p) -> p.getSpec().setTimezone("Europe/Atlantis"),
                        "spec.timezone",
                        "invalid value: Europe/Atlantis"),
                row(
                        "data and dataBase64",
                        (PingSource p) -> p.getSpec().setDataBase64("eyJhIjoxfQ=="),
                        "spec.data",
                        "expected exactly one, got both"),
                row(
                        "dataBase64 not base64",
                        (PingSource p) -> {
                            p.getSpec().setData(null);
                            p.getSpec().setDataBase64("not base64!");
                        },
                        "spec.dataBase64",
                        "invalid value: not base64!"),
                row(
                        "dataBase64 not JSON",
                        (PingSource p) -> {
                            p.getSpec().setData(null);
                            p.getSpec().setDataBase64("aGVsbG8=");
                        },
                        "spec.dataBase64",
                        "invalid value: aGVsbG8="),
                row(
                        "data not JSON",
                        (PingSource p) -> p.getSpec().setData("hello"),
                        "spec.data",
                        "invalid value: hello"),
                row(
                        "no sink",
                        (PingSource p) -> p.getSpec().setSink(null),
                        "spec.sink.ref",
                        "expected at least one, got none"),
                row(
                        "sink relative uri",
                        (PingSource p) -> p.getSpec().setSink(new Destination().setUri("/x")),
                        "spec.sink.uri",
                        "Relative URI is not allowed when Ref and [apiVersion, kind, name] is absent"),
                row(
                        "bad extension name",
                        (PingSource p) -> p.getSpec()
                                .setCeOverrides(new CloudEventOverrides().setExtensions(Map.of("Team", "a"))),
                        "spec.ceOverrides.extensions[Team]",
                        "invalid key name \"Team\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(Consumer<PingSource> change, String path, String message) {
        assertOnlyError(PingSourceValidation.validate(with(SOURCE, change)), path, message);
    }

    @Test
    void textDataNeedsNoJson() {
        assertNoErrors(PingSourceValidation.validate(with(SOURCE, p -> {
            p.getSpec().setContentType("text/plain");
            p.getSpec().setData("hello");
        })));
        assertNoErrors(PingSourceValidation.validate(with(SOURCE, p -> {
            p.getSpec().setData(null);
            p.getSpec().setContentType(null);
            p.getSpec().setDataBase64("aGVsbG8=");
            p.getSpec().setTimezone("America/Los_Angeles");
        })));
    }
}
