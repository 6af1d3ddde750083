package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * API writes the way a controller must make them: an object that is gone is not an error (the write is moot), and a
 * write that lost a race (409 Conflict, or 422/500 from a JSON patch built on a copy that changed meanwhile) is made
 * again from a fresh read, a few times. Used by the fake kubelet and the test gateway.
 */
public final class KubeWrites {
    /** How many times a write that lost a race is made. */
    public static final int ATTEMPTS = 5;

    private KubeWrites() {}

    /**
     * Runs {@code write}, which must read what it changes afresh each time (as {@code edit} and {@code editStatus}
     * do).
     *
     * @return what the write returned, or null if the object does not exist
     */
    public static <T> T retrying(Supplier<T> write) {
        KubernetesClientException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return write.get();
            } catch (KubernetesClientException e) {
                if (gone(e)) {
                    return null;
                }
                if (!lostARace(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }

    static boolean gone(KubernetesClientException e) {
        return e.getCode() == 404;
    }

    private static boolean lostARace(KubernetesClientException e) {
        return e.getCode() == 409 || e.getCode() == 422 || e.getCode() == 500;
    }
}
