package dev.kinetic.serving.controller.traffic;

import java.util.List;

/** The outcome of {@link TrafficResolver#resolve}: concrete traffic, or the error to report. */
public sealed interface TrafficResult {

    /** Every target resolved to a Revision. */
    record Resolved(ResolvedTraffic traffic) implements TrafficResult {}

    /**
     * At least one target could not be resolved.
     *
     * @param error the error to report: the last failure (False) if any, else the first Unknown, as Knative picks it
     * @param missing every target that names a Configuration or Revision that does not exist, in spec order
     */
    record Unresolved(TrafficError error, List<TrafficError.MissingTarget> missing) implements TrafficResult {
        public Unresolved {
            missing = List.copyOf(missing);
        }
    }
}
