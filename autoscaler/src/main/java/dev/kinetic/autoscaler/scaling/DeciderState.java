package dev.kinetic.autoscaler.scaling;

/**
 * What a revision's decider remembers from one tick to the next (the mutable fields of Knative's {@code autoscaler}
 * struct, here immutable and passed in and out).
 *
 * @param panicking whether the decider is in panic mode
 * @param panicTimeMillis while panicking, the last time the panic threshold was crossed (or the decider's creation);
 *     panic ends once a stable window has passed since then without a crossing. 0 when not panicking
 * @param maxPanicPods while panicking, the highest scale decided so far: panic mode only ratchets up. 0 when not
 *     panicking
 * @param scaleDownWindow the recent decisions whose maximum a scale-down delay holds on to; empty without a delay
 */
public record DeciderState(boolean panicking, long panicTimeMillis, int maxPanicPods, DelayWindow scaleDownWindow) {

    /** Not panicking, no delay history: the state of most revisions most of the time, shared. */
    public static final DeciderState CALM = new DeciderState(false, 0, 0, DelayWindow.EMPTY);

    /** Panicking since {@code nowMillis}, holding at least {@code maxPanicPods}. */
    public static DeciderState panicking(long nowMillis, int maxPanicPods) {
        return new DeciderState(true, nowMillis, maxPanicPods, DelayWindow.EMPTY);
    }
}
