package dev.kinetic.serving.controller.traffic;

import static dev.kinetic.testsupport.fixtures.Options.withLabel;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.configuration;
import static dev.kinetic.testsupport.fixtures.ServingFixtures.revision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.serving.v1.Configuration;
import dev.kinetic.api.serving.v1.ConfigurationStatus;
import dev.kinetic.api.serving.v1.Revision;
import dev.kinetic.api.serving.v1.RevisionStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configurations and Revisions reduce to the states traffic resolution reads. */
class ClusterStateTest {

    static Stream<Arguments> revisions() {
        return Stream.of(
                argumentSet("no status yet", revisionWith(null, 1L, 1L), Readiness.UNKNOWN),
                argumentSet("ready and observed", revisionWith(Condition.TRUE, 1L, 1L), Readiness.READY),
                argumentSet("ready but an older generation", revisionWith(Condition.TRUE, 1L, 2L), Readiness.UNKNOWN),
                argumentSet("failed", revisionWith(Condition.FALSE, 1L, 1L), Readiness.FAILED),
                argumentSet("unknown", revisionWith(Condition.UNKNOWN, 1L, 1L), Readiness.UNKNOWN));
    }

    @ParameterizedTest
    @MethodSource
    void revisions(Revision revision, Readiness readiness) {
        RevisionState state = RevisionState.from(revision);
        assertThat(state.name()).isEqualTo("hello-00001");
        assertThat(state.readiness()).isEqualTo(readiness);
        assertThat(state.configurationName()).contains("hello");
    }

    static Stream<Arguments> configurations() {
        return Stream.of(
                argumentSet(
                        "no status yet",
                        configuration("default", "hello"),
                        new ConfigurationState("hello", null, null, Readiness.UNKNOWN)),
                argumentSet(
                        "ready",
                        configurationWith(Condition.TRUE, "hello-00002", "hello-00002"),
                        new ConfigurationState("hello", "hello-00002", "hello-00002", Readiness.READY)),
                argumentSet(
                        "latest created failed, never ready",
                        configurationWith(Condition.FALSE, "hello-00001", ""),
                        new ConfigurationState("hello", "hello-00001", null, Readiness.FAILED)));
    }

    @ParameterizedTest
    @MethodSource
    void configurations(Configuration configuration, ConfigurationState expected) {
        assertThat(ConfigurationState.from(configuration)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void revisionWithoutConfigurationLabel() {
        assertThat(RevisionState.from(revision("default", "byo")).configurationName())
                .isEqualTo(Optional.empty());
    }

    private static Revision revisionWith(String ready, long observed, long generation) {
        Revision r = revision("default", "hello-00001", withLabel("serving.knative.dev/configuration", "hello"));
        r.getMetadata().setGeneration(generation);
        if (ready != null) {
            RevisionStatus status = new RevisionStatus();
            status.setObservedGeneration(observed);
            status.setConditions(new ArrayList<>(List.of(condition(ready))));
            r.setStatus(status);
        }
        return r;
    }

    private static Configuration configurationWith(String ready, String created, String latestReady) {
        Configuration c = configuration("default", "hello");
        ConfigurationStatus status =
                new ConfigurationStatus().setLatestCreatedRevisionName(created).setLatestReadyRevisionName(latestReady);
        status.setConditions(new ArrayList<>(List.of(condition(ready))));
        c.setStatus(status);
        return c;
    }

    private static Condition condition(String status) {
        Condition c = new Condition();
        c.setType("Ready");
        c.setStatus(status);
        return c;
    }
}
