package dev.kinetic.api.serving.v1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionSet;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

/** The serving condition sets and their mark methods, as serving.md §1.4 describes them. */
class ServingLifecycleTest {

    static Condition ready(dev.kinetic.api.duck.v1.Status status) {
        return status.condition(ConditionSet.READY).orElseThrow();
    }

    @Test
    void revisionIsReadyWhenResourcesAvailableAndContainerHealthyButNotNeedingActive() {
        RevisionStatus s = new RevisionStatus();
        s.initializeConditions();
        s.markDeploying(null);
        assertThat(ready(s).getStatus()).isEqualTo(Condition.UNKNOWN);
        assertThat(ready(s).getReason()).isEqualTo("Deploying");
        s.markResourcesAvailableTrue();
        s.markContainerHealthyTrue();
        s.markActiveFalse("NoTraffic", "The target is not receiving traffic.");
        assertThat(ready(s).isTrue()).isTrue();
        assertThat(s.condition(RevisionStatus.ACTIVE).orElseThrow().getSeverity())
                .isEqualTo("Info");
    }

    @Test
    void crashingContainerReportsItsExitCode() {
        RevisionStatus s = new RevisionStatus();
        s.initializeConditions();
        s.markContainerExiting(1, "panic: boom");
        assertThat(ready(s).getReason()).isEqualTo("ExitCode1");
        assertThat(ready(s).getMessage()).isEqualTo("Container failed with: panic: boom");
        assertThat(ready(s).isFalse()).isTrue();
    }

    @Test
    void progressDeadlineFailsResourcesAvailable() {
        RevisionStatus s = new RevisionStatus();
        s.initializeConditions();
        s.markProgressDeadlineExceeded("Initial scale was never achieved");
        assertThat(s.condition(RevisionStatus.RESOURCES_AVAILABLE).orElseThrow().getReason())
                .isEqualTo("ProgressDeadlineExceeded");
        assertThat(ready(s).isFalse()).isTrue();
    }

    @Test
    void configurationReadyTracksLatestCreatedVersusLatestReady() {
        ConfigurationStatus s = new ConfigurationStatus();
        s.initializeConditions();
        s.markLatestCreated("hello-00001");
        assertThat(ready(s).isUnknown()).isTrue();
        s.markLatestReady("hello-00001");
        assertThat(ready(s).isTrue()).isTrue();
        s.markLatestCreated("hello-00002");
        assertThat(ready(s).isUnknown()).isTrue();
        s.markLatestCreatedFailed("hello-00002", "image pull failed");
        assertThat(ready(s).getReason()).isEqualTo("RevisionFailed");
        assertThat(ready(s).getMessage()).isEqualTo("Revision \"hello-00002\" failed with message: image pull failed.");
        s.markLatestReadyDeleted();
        assertThat(ready(s).getReason()).isEqualTo("RevisionDeleted");
        assertThat(s.getLatestReadyRevisionName()).isNull();
    }

    @Test
    void routeNeedsTrafficIngressAndCertificate() {
        RouteStatus s = new RouteStatus();
        s.initializeConditions();
        s.markConfigurationNotReady("hello");
        assertThat(ready(s).getReason()).isEqualTo("RevisionMissing");
        assertThat(ready(s).isUnknown()).isTrue();
        s.markTrafficAssigned();
        s.markIngressNotConfigured();
        assertThat(ready(s).getReason()).isEqualTo("IngressNotConfigured");
        s.markIngressReady();
        s.markTlsNotEnabled("TLS is not enabled");
        assertThat(ready(s).isTrue()).isTrue();
        assertThat(s.condition(RouteStatus.CERTIFICATE_PROVISIONED)
                        .orElseThrow()
                        .getReason())
                .isEqualTo("TLSNotEnabled");
        s.markMissingTrafficTarget("Configuration", "gone");
        assertThat(ready(s).getReason()).isEqualTo("ConfigurationMissing");
        assertThat(ready(s).isFalse()).isTrue();
    }

    @Test
    void serviceMirrorsItsChildren() {
        ConfigurationStatus cfg = new ConfigurationStatus();
        cfg.initializeConditions();
        cfg.markLatestCreated("hello-00001");
        cfg.markLatestReady("hello-00001");
        RouteStatus route = new RouteStatus();
        route.initializeConditions();
        route.markRevisionFailed("hello-00001");
        route.setUrl("http://hello.default.example.com");

        ServiceStatus s = new ServiceStatus();
        s.initializeConditions();
        s.propagateConfigurationStatus(cfg);
        s.propagateRouteStatus(route);
        assertThat(s.getLatestReadyRevisionName()).isEqualTo("hello-00001");
        assertThat(s.getUrl()).isEqualTo("http://hello.default.example.com");
        assertThat(s.condition(ServiceStatus.CONFIGURATIONS_READY).orElseThrow().isTrue())
                .isTrue();
        assertThat(ready(s).isFalse()).isTrue();
        assertThat(ready(s).getReason()).isEqualTo("RevisionMissing");

        route.markTrafficAssigned();
        route.markIngressReady();
        route.markTlsNotEnabled("off");
        s.propagateRouteStatus(route);
        assertThat(ready(s).isTrue()).isTrue();
        s.markConfigurationNotReconciled();
        assertThat(ready(s).getReason()).isEqualTo("OutOfDate");
    }

    @Test
    void isReadyRequiresTheCurrentGenerationToBeObserved() {
        Service svc = new Service();
        svc.setMetadata(
                new ObjectMetaBuilder().withName("hello").withGeneration(2L).build());
        ServiceStatus s = new ServiceStatus();
        s.initializeConditions();
        s.propagateConfigurationStatus(readyConfiguration());
        RouteStatus route = new RouteStatus();
        route.markTrafficAssigned();
        route.markIngressReady();
        route.markTlsNotEnabled("off");
        s.propagateRouteStatus(route);
        s.setObservedGeneration(1L);
        svc.setStatus(s);
        assertThat(svc.isReady()).isFalse();
        s.setObservedGeneration(2L);
        assertThat(svc.isReady()).isTrue();
    }

    private static ConfigurationStatus readyConfiguration() {
        ConfigurationStatus cfg = new ConfigurationStatus();
        cfg.markLatestCreated("hello-00001");
        cfg.markLatestReady("hello-00001");
        return cfg;
    }
}
