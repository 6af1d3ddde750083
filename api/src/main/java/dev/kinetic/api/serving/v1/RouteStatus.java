package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * A Route's status and lifecycle: Ready when all traffic is assigned to ready Revisions, the ingress is ready and
 * the certificate question is settled (True with {@code TLSNotEnabled} when TLS is off).
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RouteStatus extends Status {
    public static final String ALL_TRAFFIC_ASSIGNED = "AllTrafficAssigned";
    public static final String INGRESS_READY = "IngressReady";
    public static final String CERTIFICATE_PROVISIONED = "CertificateProvisioned";
    public static final ConditionSet CONDITIONS =
            ConditionSet.living(ALL_TRAFFIC_ASSIGNED, INGRESS_READY, CERTIFICATE_PROVISIONED);

    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic;

    private ConditionManager manage() {
        return CONDITIONS.manage(this);
    }

    public void initializeConditions() {
        manage().initialize();
    }

    public void markTrafficAssigned() {
        manage().markTrue(ALL_TRAFFIC_ASSIGNED);
    }

    public void markUnknownTrafficError(String message) {
        manage().markUnknown(ALL_TRAFFIC_ASSIGNED, "Unknown", message);
    }

    public void markConfigurationNotReady(String name) {
        manage().markUnknown(
                        ALL_TRAFFIC_ASSIGNED,
                        "RevisionMissing",
                        "Configuration \"" + name + "\" is waiting for a Revision to become ready.");
    }

    public void markConfigurationFailed(String name) {
        manage().markFalse(
                        ALL_TRAFFIC_ASSIGNED,
                        "RevisionMissing",
                        "Configuration \"" + name + "\" does not have any ready Revision.");
    }

    public void markRevisionNotReady(String name) {
        manage().markUnknown(ALL_TRAFFIC_ASSIGNED, "RevisionMissing", "Revision \"" + name + "\" is not yet ready.");
    }

    public void markRevisionFailed(String name) {
        manage().markFalse(
                        ALL_TRAFFIC_ASSIGNED, "RevisionMissing", "Revision \"" + name + "\" failed to become ready.");
    }

    /** A target names an object that does not exist: reason {@code <Kind>Missing}, e.g. ConfigurationMissing. */
    public void markMissingTrafficTarget(String kind, String name) {
        manage().markFalse(
                        ALL_TRAFFIC_ASSIGNED,
                        kind + "Missing",
                        kind + " \"" + name + "\" referenced in traffic not found.");
    }

    public void markRevisionNotOwned(String name) {
        manage().markFalse(
                        ALL_TRAFFIC_ASSIGNED,
                        "RevisionNotOwned",
                        "Revision \"" + name + "\" is not owned by the Configuration it names.");
    }

    public void markIngressNotConfigured() {
        manage().markUnknown(INGRESS_READY, "IngressNotConfigured", "Ingress has not yet been reconciled.");
    }

    public void markIngressRolloutInProgress() {
        manage().markUnknown(
                        INGRESS_READY,
                        "RolloutInProgress",
                        "A gradual rollout of the latest revision(s) is in progress.");
    }

    public void markIngressReady() {
        manage().markTrue(INGRESS_READY);
    }

    public void markIngressNotReady(String reason, String message) {
        manage().markUnknown(INGRESS_READY, reason, message);
    }

    public void markIngressFailed(String reason, String message) {
        manage().markFalse(INGRESS_READY, reason, message);
    }

    public void markTlsNotEnabled(String message) {
        manage().markTrueWithReason(CERTIFICATE_PROVISIONED, "TLSNotEnabled", message);
    }

    public void markCertificateNotReady(String name) {
        manage().markUnknown(CERTIFICATE_PROVISIONED, "CertificateNotReady", "Certificate " + name + " is not ready.");
    }

    public void markCertificateProvisionFailed(String name) {
        manage().markFalse(
                        CERTIFICATE_PROVISIONED,
                        "CertificateProvisionFailed",
                        "Certificate " + name + " fails to be provisioned.");
    }

    public void markNotOwned(String kind, String name) {
        manage().markFalse(
                        INGRESS_READY,
                        "NotOwned",
                        "There is an existing " + kind + " \"" + name + "\" that we do not own.");
    }
}
