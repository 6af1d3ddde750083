package dev.kinetic.autoscaler.scaling;

import java.util.Arrays;

/**
 * The maximum of the values recorded over the last {@code window} milliseconds, in one-second buckets, kept as a
 * monotonic queue: only values that can still become the maximum are kept (descending values, ascending seconds),
 * so a steady or falling series holds one or a few entries however long the window. It is how a scale-down delay
 * holds the highest recent decision (Knative {@code aggregation/max}, the "ascending minima" algorithm).
 *
 * <p>Immutable: {@link #record} returns the next window. Entries are stored flat in one array as (second, value)
 * pairs so that a record allocates one small array, not one object per entry.
 */
public final class DelayWindow {
    static final long GRANULARITY_MILLIS = 1000;

    /** No values. */
    public static final DelayWindow EMPTY = new DelayWindow(new long[0]);

    /** (second, value) pairs, seconds ascending, values strictly descending. */
    private final long[] entries;

    private DelayWindow(long[] entries) {
        this.entries = entries;
    }

    /**
     * This window with {@code value} recorded at {@code nowMillis}, keeping the values of the last
     * {@code windowMillis} (rounded up to whole seconds, at least one). A time before the newest entry counts as the
     * newest entry's second, so a clock that steps back cannot break the order.
     */
    public DelayWindow record(long nowMillis, int value, long windowMillis) {
        int n = size();
        long second = Math.floorDiv(nowMillis, GRANULARITY_MILLIS);
        if (n > 0) {
            second = Math.max(second, secondAt(n - 1));
        }
        long buckets = Math.max(1, -Math.floorDiv(-windowMillis, GRANULARITY_MILLIS));
        int start = 0;
        while (start < n && second - secondAt(start) >= buckets) {
            start++;
        }
        // A value no larger than the new one, and older, can never be the maximum again.
        int end = n;
        while (end > start && valueAt(end - 1) <= value) {
            end--;
        }
        // A larger value already recorded in this very second stands for the whole second.
        boolean append = end == start || secondAt(end - 1) != second;
        if (start == 0 && end == n && !append) {
            return this;
        }
        int kept = end - start;
        long[] next = new long[2 * (kept + (append ? 1 : 0))];
        System.arraycopy(entries, 2 * start, next, 0, 2 * kept);
        if (append) {
            next[2 * kept] = second;
            next[2 * kept + 1] = value;
        }
        return new DelayWindow(next);
    }

    /** The largest value in the window as of the last record; 0 when empty. */
    public int max() {
        return entries.length == 0 ? 0 : (int) entries[1];
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    /** How many values are kept (not how many were recorded). */
    public int size() {
        return entries.length / 2;
    }

    private long secondAt(int i) {
        return entries[2 * i];
    }

    private int valueAt(int i) {
        return (int) entries[2 * i + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DelayWindow other && Arrays.equals(entries, other.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("DelayWindow[");
        for (int i = 0; i < size(); i++) {
            s.append(i == 0 ? "" : ", ").append(secondAt(i)).append("s=").append(valueAt(i));
        }
        return s.append(']').toString();
    }
}
