package dev.kinetic.autoscaler.scaling;

/**
 * What the metric collection saw of one revision at one tick.
 *
 * @param hasData false when nothing was recorded for a whole stable window (Knative's {@code ErrNoData}): the
 *     decider then makes no decision
 * @param stable the revision-wide average of the metric over the stable window (total over all pods)
 * @param panic the revision-wide average of the metric over the panic window (total over all pods)
 * @param readyPods the revision's ready pods now (may be 0)
 */
public record Observation(boolean hasData, double stable, double panic, int readyPods) {

    /** Nothing to decide on. */
    public static final Observation NO_DATA = new Observation(false, 0, 0, 0);

    /** Window averages for a revision with {@code readyPods} ready pods. */
    public static Observation of(double stable, double panic, int readyPods) {
        return new Observation(true, stable, panic, readyPods);
    }
}
