package dev.kinetic.api.duck.v1;

/**
 * The sink a source sends to and its {@code SinkProvided} condition. {@link SourceStatus} has the setters of the sink
 * fields; a source whose sink comes from elsewhere (a ContainerSource takes its SinkBinding's) does not take part.
 */
public interface SinkLifecycle extends StatusLifecycle {
    /** Condition type: the sink resolved to an address. */
    String SINK_PROVIDED = "SinkProvided";

    Object setSinkUri(String uri);

    Object setSinkCaCerts(String caCerts);

    Object setSinkAudience(String audience);

    default void markSink(String uri) {
        markSink(new Addressable().setUrl(uri));
    }

    /** Records the sink's address and marks SinkProvided; an empty address is False with reason {@code SinkEmpty}. */
    default void markSink(Addressable sink) {
        if (sink == null || sink.getUrl() == null || sink.getUrl().isEmpty()) {
            clearSink();
            manageConditions().markFalse(SINK_PROVIDED, "SinkEmpty", "Sink has resolved to empty.");
            return;
        }
        setSinkUri(sink.getUrl());
        setSinkCaCerts(sink.getCaCerts());
        setSinkAudience(sink.getAudience());
        manageConditions().markTrue(SINK_PROVIDED);
    }

    default void markNoSink(String reason, String message) {
        clearSink();
        manageConditions().markFalse(SINK_PROVIDED, reason, message);
    }

    private void clearSink() {
        setSinkUri(null);
        setSinkCaCerts(null);
        setSinkAudience(null);
    }
}
