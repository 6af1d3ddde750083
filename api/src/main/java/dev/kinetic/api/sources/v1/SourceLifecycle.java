package dev.kinetic.api.sources.v1;

import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.SourceStatus;
import java.util.Objects;

/** The lifecycle steps every source shares: the resolved sink and readiness for a generation. */
public final class SourceLifecycle {
    private SourceLifecycle() {}

    /** Condition type: the sink resolved to an address. */
    public static final String SINK_PROVIDED = "SinkProvided";
    /** Condition type: the source's adapter is deployed and available. */
    public static final String DEPLOYED = "Deployed";

    /** Records the sink's address and marks SinkProvided; an empty address is False with reason {@code SinkEmpty}. */
    public static void markSink(ConditionSet conditions, SourceStatus status, Addressable sink) {
        if (sink == null || sink.getUrl() == null || sink.getUrl().isEmpty()) {
            clearSink(status);
            conditions.manage(status).markFalse(SINK_PROVIDED, "SinkEmpty", "Sink has resolved to empty.");
            return;
        }
        status.setSinkUri(sink.getUrl());
        status.setSinkCaCerts(sink.getCaCerts());
        status.setSinkAudience(sink.getAudience());
        conditions.manage(status).markTrue(SINK_PROVIDED);
    }

    public static void markNoSink(ConditionSet conditions, SourceStatus status, String reason, String message) {
        clearSink(status);
        conditions.manage(status).markFalse(SINK_PROVIDED, reason, message);
    }

    public static boolean isReady(ConditionSet conditions, SourceStatus status, Long generation) {
        return conditions.manage(status).isHappy() && Objects.equals(status.getObservedGeneration(), generation);
    }

    private static void clearSink(SourceStatus status) {
        status.setSinkUri(null);
        status.setSinkCaCerts(null);
        status.setSinkAudience(null);
    }
}
