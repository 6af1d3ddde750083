package dev.kinetic.api.duck.v1;

/**
 * The resolved dead-letter sink of a Broker, Trigger or channel and its {@code DeadLetterSinkResolved} condition. A
 * status class supplies the setters of its three dead-letter-sink fields; Lombok's chained setters return the class,
 * which overrides these.
 */
public interface DeadLetterSinkLifecycle extends StatusLifecycle {
    String DEAD_LETTER_SINK_RESOLVED = "DeadLetterSinkResolved";

    Object setDeadLetterSinkUri(String uri);

    Object setDeadLetterSinkCaCerts(String caCerts);

    Object setDeadLetterSinkAudience(String audience);

    default void markDeadLetterSinkResolved(String uri) {
        markDeadLetterSinkResolved(new Addressable().setUrl(uri));
    }

    /** Records the dead-letter sink's resolved address and marks DeadLetterSinkResolved True. */
    default void markDeadLetterSinkResolved(Addressable resolved) {
        setDeadLetterSinkUri(resolved.getUrl());
        setDeadLetterSinkCaCerts(resolved.getCaCerts());
        setDeadLetterSinkAudience(resolved.getAudience());
        manageConditions().markTrue(DEAD_LETTER_SINK_RESOLVED);
    }

    /** No dead-letter sink is configured, which is fine: True with reason {@code DeadLetterSinkNotConfigured}. */
    default void markDeadLetterSinkNotConfigured() {
        clearDeadLetterSink();
        manageConditions()
                .markTrueWithReason(
                        DEAD_LETTER_SINK_RESOLVED, "DeadLetterSinkNotConfigured", "No dead letter sink is configured.");
    }

    default void markDeadLetterSinkResolvedFailed(String reason, String message) {
        clearDeadLetterSink();
        manageConditions().markFalse(DEAD_LETTER_SINK_RESOLVED, reason, message);
    }

    private void clearDeadLetterSink() {
        setDeadLetterSinkUri(null);
        setDeadLetterSinkCaCerts(null);
        setDeadLetterSinkAudience(null);
    }
}
