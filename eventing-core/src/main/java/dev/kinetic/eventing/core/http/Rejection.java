package dev.kinetic.eventing.core.http;

/**
 * Why a request is not a valid CloudEvent, thrown inside {@link IncomingEvents} to leave a deep check early and
 * always caught there: it never reaches a caller. It carries no stack trace, as it is a verdict, not a fault.
 */
final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private Rejection(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static Rejection badRequest(String message) {
        return new Rejection(400, message);
    }

    static Rejection unsupportedMediaType(String message) {
        return new Rejection(415, message);
    }

    int status() {
        return status;
    }
}
