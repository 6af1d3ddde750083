package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.serving.config.AutoscalerConfig;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.serving.controller.config.DeploymentConfig;
import java.util.Objects;

/**
 * One snapshot of everything the Revision builders read besides the Revision: the ConfigMaps and the namespace the
 * control plane runs in. A reconcile takes one snapshot so all of a revision's children agree.
 *
 * @param deployment {@code config-deployment}: the queue-proxy image and resources, the progress deadline
 * @param defaults {@code config-defaults}: fallbacks for spec fields a revision that skipped defaulting leaves out
 * @param autoscaler {@code config-autoscaler}: the default class and initial, min and max scale
 * @param features {@code config-features}: multi-container probing, HTTP/2 auto-detection
 * @param systemNamespace the namespace of the Kinetic control plane, told to the queue-proxy
 */
public record RevisionConfig(
        DeploymentConfig deployment,
        DefaultsConfig defaults,
        AutoscalerConfig autoscaler,
        FeaturesConfig features,
        String systemNamespace) {

    /** The namespace Kinetic installs into unless configured otherwise. */
    public static final String DEFAULT_SYSTEM_NAMESPACE = "kinetic-system";

    public RevisionConfig {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(autoscaler, "autoscaler");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(systemNamespace, "systemNamespace");
    }

    /** The shipped value of every ConfigMap, in {@value #DEFAULT_SYSTEM_NAMESPACE}. */
    public static RevisionConfig shipped() {
        return new RevisionConfig(
                DeploymentConfig.defaults(),
                DefaultsConfig.defaults(),
                AutoscalerConfig.defaults(),
                FeaturesConfig.defaults(),
                DEFAULT_SYSTEM_NAMESPACE);
    }

    public RevisionConfig withDeployment(DeploymentConfig deployment) {
        return new RevisionConfig(deployment, defaults, autoscaler, features, systemNamespace);
    }

    public RevisionConfig withAutoscaler(AutoscalerConfig autoscaler) {
        return new RevisionConfig(deployment, defaults, autoscaler, features, systemNamespace);
    }

    public RevisionConfig withFeatures(FeaturesConfig features) {
        return new RevisionConfig(deployment, defaults, autoscaler, features, systemNamespace);
    }
}
