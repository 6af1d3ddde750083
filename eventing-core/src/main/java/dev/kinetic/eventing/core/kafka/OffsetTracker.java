package dev.kinetic.eventing.core.kafka;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which offsets of each partition are finished, and so which offset may be committed: the first unfinished one,
 * the end of the contiguous finished prefix. Records finish in any order (unordered delivery, retries of different
 * lengths); committing anything beyond the first unfinished record would lose it on a restart.
 *
 * <p>Per partition, a {@link BitSet} holds one bit per offset from a base offset (the first offset received); the
 * bitset is rebased, dropping the finished prefix, once that prefix is {@value #REBASE_AFTER} offsets long, so
 * memory follows the number of unfinished offsets and not the partition's length. Offsets the partition does not
 * contain (compacted away, transaction markers) are never received; when a record arrives after such a gap the gap
 * is marked finished at once, so commits can pass it.
 *
 * <p>Pure: no Kafka I/O, no clock. Not thread-safe: one owner (the consumer's thread).
 */
public final class OffsetTracker {

    /** The length of the finished prefix after which a partition's bitset is rebased. */
    static final int REBASE_AFTER = 4096;

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /**
     * Records that a record was received from the partition, before it is processed. Records of a partition must
     * be received in offset order, as a consumer returns them; offsets between the previous one and this one are
     * gaps and count as finished. An offset at or before one already received means the consumer's position was
     * reset (for example after the log was truncated): the partition's tracking starts over from this offset.
     *
     * @param partition the partition
     * @param offset the record's offset
     * @return how many offsets before this one were skipped as gaps
     */
    public long received(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        return partitions.computeIfAbsent(partition, p -> new Partition()).received(offset);
    }

    /**
     * Records that a received record is finished (delivered, dead-lettered, filtered out or discarded). Offsets
     * that were not received, or that are already behind the committable offset, are ignored.
     *
     * @param partition the partition
     * @param offset the record's offset
     */
    public void finished(TopicPartition partition, long offset) {
        Partition tracked = partitions.get(partition);
        if (tracked != null) {
            tracked.finished(offset);
        }
    }

    /**
     * The offset to commit for the partition: the first offset received and not finished, or the offset after the
     * last received record when all are finished.
     *
     * @param partition the partition
     * @return the offset to commit, or -1 when nothing was received from the partition
     */
    public long committable(TopicPartition partition) {
        Partition tracked = partitions.get(partition);
        return tracked == null ? -1 : tracked.committable();
    }

    /**
     * How many of the partition's received offsets lie at or after {@code committed}: what a consumer has fetched
     * and not yet committed. Before anything is committed ({@code committed < 0}) it counts from the first offset
     * received since the partition's tracking started (or last started over).
     *
     * @param partition the partition
     * @param committed the offset last committed for the partition, or -1 for none
     * @return the count, 0 when nothing was received
     */
    public long uncommitted(TopicPartition partition, long committed) {
        Partition tracked = partitions.get(partition);
        if (tracked == null) {
            return 0;
        }
        return Math.max(0, tracked.next - (committed >= 0 ? committed : tracked.first));
    }

    /**
     * Whether the partition has received offsets that are not finished.
     *
     * @param partition the partition
     * @return true if some received record is unfinished
     */
    public boolean hasUnfinished(TopicPartition partition) {
        Partition tracked = partitions.get(partition);
        return tracked != null && tracked.committable() < tracked.next;
    }

    /**
     * Forgets a partition (revoked or lost).
     *
     * @param partition the partition
     */
    public void remove(TopicPartition partition) {
        partitions.remove(partition);
    }

    /**
     * The partitions tracked.
     *
     * @return a read-only view
     */
    public Set<TopicPartition> partitions() {
        return java.util.Collections.unmodifiableSet(partitions.keySet());
    }

    /** The offsets of one partition: bit i is offset {@code base + i}. */
    private static final class Partition {
        private long base = -1;
        private long next = -1;
        /** The first offset received since tracking (re)started; unlike {@link #base}, never rebased. */
        private long first = -1;

        private BitSet finished = new BitSet();

        long received(long offset) {
            if (next < 0 || offset < next) {
                base = offset;
                first = offset;
                next = offset + 1;
                finished = new BitSet();
                return 0;
            }
            long skipped = offset - next;
            if (skipped > 0) {
                finished.set(index(next), index(offset));
            }
            next = offset + 1;
            return skipped;
        }

        void finished(long offset) {
            if (offset < base || offset >= next) {
                return;
            }
            finished.set(index(offset));
            int prefix = finished.nextClearBit(0);
            if (prefix >= REBASE_AFTER) {
                finished = finished.get(prefix, Math.max(prefix, finished.length()));
                base += prefix;
            }
        }

        long committable() {
            return base + finished.nextClearBit(0);
        }

        private int index(long offset) {
            long index = offset - base;
            if (index > Integer.MAX_VALUE - 1) {
                // More than 2^31 offsets unfinished behind one record: nothing sensible can be committed anyway.
                throw new IllegalStateException("offset " + offset + " is too far ahead of unfinished offset " + base);
            }
            return (int) index;
        }
    }
}
