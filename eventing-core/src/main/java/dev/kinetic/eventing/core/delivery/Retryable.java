package dev.kinetic.eventing.core.delivery;

/**
 * Which responses of a subscriber are retried, as Knative's data-plane specification says: no response at all
 * (network error, timeout), any 5xx, 404 (a pod still warming up), 408, 409 and 429. Every other 4xx, and 3xx and
 * 1xx, fail at once; 2xx succeed.
 */
public final class Retryable {
    private Retryable() {}

    /** What to do after one attempt. */
    public enum Verdict {
        SUCCESS,
        RETRY,
        FAIL
    }

    /** The verdict for a response with this status, or for no response when {@code status} is null. */
    public static Verdict of(Integer status) {
        if (status == null) {
            return Verdict.RETRY;
        }
        if (isSuccess(status)) {
            return Verdict.SUCCESS;
        }
        return isRetryable(status) ? Verdict.RETRY : Verdict.FAIL;
    }

    /** Whether the status is a 2xx. */
    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** Whether a response with this status is worth another attempt. */
    public static boolean isRetryable(int status) {
        return status >= 500 || status == 404 || status == 408 || status == 409 || status == 429;
    }

    /** Whether no response at all (network error, timeout) is worth another attempt: always. */
    public static boolean isRetryableWithoutResponse() {
        return true;
    }
}
