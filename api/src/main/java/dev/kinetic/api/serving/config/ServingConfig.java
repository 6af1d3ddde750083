package dev.kinetic.api.serving.config;

/** One snapshot of the serving ConfigMaps that defaulting and validation read. */
public record ServingConfig(DefaultsConfig defaults, FeaturesConfig features, AutoscalerConfig autoscaler) {

    /** Knative's shipped values for every key. */
    public static ServingConfig shipped() {
        return new ServingConfig(DefaultsConfig.defaults(), FeaturesConfig.defaults(), AutoscalerConfig.defaults());
    }

    public ServingConfig withFeatures(FeaturesConfig features) {
        return new ServingConfig(defaults, features, autoscaler);
    }

    public ServingConfig withDefaults(DefaultsConfig defaults) {
        return new ServingConfig(defaults, features, autoscaler);
    }

    public ServingConfig withAutoscaler(AutoscalerConfig autoscaler) {
        return new ServingConfig(defaults, features, autoscaler);
    }
}
