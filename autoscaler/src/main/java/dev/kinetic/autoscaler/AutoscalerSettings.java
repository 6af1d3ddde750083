package dev.kinetic.autoscaler;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Process settings of the autoscaler (the user-facing algorithm settings are in {@code config-autoscaler}). */
@ConfigMapping(prefix = "kinetic")
public interface AutoscalerSettings {

    /** The namespace Kinetic is installed in: its ConfigMaps, its Lease and the activator Service live there. */
    @WithDefault("kinetic-system")
    String systemNamespace();

    /** The Lease replicas of the autoscaler compete for; only its holder scales. */
    @WithDefault("kinetic-autoscaler")
    String leaseName();

    /** Exit when the Lease is lost, so the pod restarts and competes again (tests turn it off). */
    @WithDefault("true")
    boolean exitOnLostLease();

    /** How often every object is reconciled even without an event. */
    @WithDefault("PT10M")
    Duration resyncInterval();

    /** The Service in the system namespace whose endpoints are the activators. */
    @WithDefault("kinetic-activator")
    String activatorService();

    /** How often each revision's scale is decided (Knative's tick: 2 s). */
    @WithDefault("PT2S")
    Duration tickInterval();

    /** How often every ready pod's queue-proxy stat is scraped (Knative: 1 s). */
    @WithDefault("PT1S")
    Duration scrapeInterval();

    /** How long one scrape may take before the pod counts as failed for that round (Knative: 3 s). */
    @WithDefault("PT3S")
    Duration scrapeTimeout();

    /** How long the probe that checks the activator is in a revision's path may take. */
    @WithDefault("PT1S")
    Duration activatorProbeTimeout();
}
