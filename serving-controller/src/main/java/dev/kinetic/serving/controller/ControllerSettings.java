package dev.kinetic.serving.controller;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Process settings of the serving controller. */
@ConfigMapping(prefix = "kinetic")
public interface ControllerSettings {

    /** The namespace Kinetic is installed in: where its ConfigMaps and its leader-election Lease live. */
    @WithDefault("kinetic-system")
    String systemNamespace();

    /** The Lease replicas of this controller compete for; only its holder reconciles. */
    @WithDefault("kinetic-serving-controller")
    String leaseName();

    /**
     * How often every object is reconciled even without an event: the safety net that makes missed or filtered
     * watch events harmless (Knative controllers resync periodically too).
     */
    @WithDefault("PT10M")
    java.time.Duration resyncInterval();

    /** Exit when the Lease is lost, so the pod restarts and competes again (tests turn it off). */
    @WithDefault("true")
    boolean exitOnLostLease();
}
