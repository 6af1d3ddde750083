package dev.kinetic.autoscaler.scaling;

/**
 * One decision of the {@link Decider} for one revision, and the state the next decision starts from.
 *
 * @param desiredScale the pods the revision should have before the reconciler's bounds; {@link #UNKNOWN} until the
 *     first decision with data
 * @param excessBurstCapacity the capacity left after the target burst capacity and the current (panic-window) load;
 *     negative means the activator must stay in the request path; 0 when the target burst capacity is 0, -1 when it
 *     is -1
 * @param numActivators how many activators the revision's ServerlessService should route through (at least 2)
 * @param state what the decider remembers between ticks
 */
public record Decision(int desiredScale, long excessBurstCapacity, int numActivators, DeciderState state) {

    /** {@link #desiredScale} before the decider has had any data (after a restart, or for a new revision). */
    public static final int UNKNOWN = -1;

    /** Whether the decider is in panic mode. */
    public boolean panicking() {
        return state.panicking();
    }
}
