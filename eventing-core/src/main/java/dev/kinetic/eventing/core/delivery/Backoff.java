package dev.kinetic.eventing.core.delivery;

import dev.kinetic.eventing.core.contract.EgressConfig;

/**
 * The wait before a retry, as Knative's Kafka data plane computes it (which differs by one step from the core Go
 * implementation): the retry number {@code n} counts from 1 for the first retry, so a linear policy waits {@code d, 2d,
 * 3d…} and an exponential one {@code 2d, 4d, 8d…} ({@code d × 2^n}), {@code d} being {@code backoffDelayMs}.
 */
public final class Backoff {
    private Backoff() {}

    /**
     * The wait in milliseconds before retry number {@code retryNumber} (1 for the first retry). 0 when the delay is
     * not positive or the number is below 1; {@link Long#MAX_VALUE} when the product overflows.
     */
    public static long delayMs(EgressConfig config, int retryNumber) {
        long delay = config.backoffDelayMs();
        if (delay <= 0 || retryNumber < 1) {
            return 0;
        }
        return switch (config.backoffPolicy()) {
            case LINEAR -> saturatedMultiply(delay, retryNumber);
            case EXPONENTIAL ->
                retryNumber >= Long.SIZE - 1 ? Long.MAX_VALUE : saturatedMultiply(delay, 1L << retryNumber);
        };
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        // Both factors are positive: no overflow when the high word is 0 and the low one stays non-negative.
        return high == 0 && low >= 0 ? low : Long.MAX_VALUE;
    }
}
