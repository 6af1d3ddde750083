package dev.kinetic.eventing.core.kafka;

import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The dispatcher engine of one egress: one Kafka consumer group, whose records are decoded as CloudEvents and handed
 * to a {@link RecordHandler}, with at-least-once commits.
 *
 * <p><b>Threading.</b> A dedicated platform thread owns the {@link KafkaConsumer}, which is not thread-safe, and runs
 * the poll loop; it is not a Vert.x event loop and may block. Handlers complete on any thread: a completion is put
 * on a queue that the poll thread drains, and wakes the poll thread ({@link KafkaConsumer#wakeup()}, the one
 * consumer method safe from other threads) only when the poll thread waits for capacity. No other thread ever calls
 * the consumer.
 *
 * <p><b>Delivery order.</b> {@link DeliveryOrder#UNORDERED}: at most {@link Settings#maxInFlight()} records in flight
 * over all partitions; while that many are in flight or records wait, every assigned partition is paused (the
 * consumer keeps polling, which keeps the group membership, but fetches nothing). {@link DeliveryOrder#ORDERED}: at
 * most one record in flight per partition, handed over strictly in offset order; a partition with records waiting is
 * paused, so memory stays bounded by one poll's worth of records.
 *
 * <p><b>Commits.</b> Only {@link OffsetTracker#committable}, the end of the contiguous finished prefix, is ever
 * committed: asynchronously every {@link Settings#commitInterval()}; synchronously for the partitions being revoked
 * in a rebalance (after waiting up to {@link Settings#revokeTimeout()} for their records in flight, whose later
 * results are then ignored, as another consumer re-delivers them); and synchronously on {@link #close}, after
 * waiting for the records in flight. A record that is not a CloudEvent is discarded (counted, and finished without
 * calling the handler). Offsets missing from a partition (compaction, transaction markers) are skipped. Duplicates
 * happen only for records in flight at a crash, a rebalance or a close that timed out.
 *
 * <p><b>Metrics</b> (Micrometer, tagged {@code messaging.consumer.group.name} and the settings' tags, removed on
 * close): counters {@code kn.eventing.kafka.handled_events}, {@code kn.eventing.kafka.discarded_events}, {@code
 * kn.eventing.kafka.handler_failures}, {@code kn.eventing.kafka.skipped_offsets}, {@code
 * kn.eventing.kafka.committed_offsets} (how far commits advanced, in offsets), gauge {@code
 * kn.eventing.kafka.in_flight_events}. The lag per partition ({@link #lag()}) is refreshed on the poll thread every
 * commit interval from what the consumer already knows; the poll thread never waits on Kafka except in {@code poll}
 * itself (bounded, and woken by completions) and in the synchronous commits of a rebalance or a close.
 */
public final class EgressConsumer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(EgressConsumer.class.getName());

    /** The longest a poll blocks; completions wake it earlier when they free capacity. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

    /** How long to wait before polling again after a poll failed. */
    private static final long FAILURE_BACKOFF_MILLIS = 200;

    /** The longest a synchronous commit and the consumer's close may take. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final Settings settings;
    private final RecordHandler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final OffsetTracker offsets = new OffsetTracker();
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final LinkedBlockingQueue<Completion> completions = new LinkedBlockingQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Metrics metrics;

    private volatile boolean closing;
    private volatile boolean wakeOnCompletion;
    private volatile Duration closeTimeout;
    private volatile int inFlight;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Map<TopicPartition, Long> lag = Map.of();

    private EgressConsumer(Settings settings, RecordHandler handler) {
        this.settings = settings;
        this.handler = handler;
        this.closeTimeout = settings.closeTimeout();
        this.consumer = new KafkaConsumer<>(
                KafkaSettings.consumer(settings.bootstrapServers(), settings.groupId(), settings.consumerProperties()));
        this.metrics = new Metrics(settings, () -> inFlight);
        this.thread = new Thread(this::run, "egress-consumer-" + settings.groupId());
        this.thread.setDaemon(true);
    }

    /**
     * Creates the consumer and starts its thread, which subscribes to the topics and starts polling.
     *
     * @param settings what to consume and how
     * @param handler what to do with each event
     * @return the running consumer, to be closed by the caller
     * @throws org.apache.kafka.common.KafkaException if the consumer properties are invalid
     */
    public static EgressConsumer start(Settings settings, RecordHandler handler) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        EgressConsumer egress = new EgressConsumer(settings, handler);
        egress.thread.start();
        return egress;
    }

    /**
     * The consumer lag per assigned partition: the partition's end offset (its high watermark as of the last fetch)
     * minus the offset this consumer last committed (or, before it committed anything, minus the offset it started
     * from), as of the last refresh.
     *
     * @return an immutable snapshot, empty until the first refresh
     */
    public Map<TopicPartition, Long> lag() {
        return lag;
    }

    /**
     * The partitions assigned to this consumer, as of its last rebalance.
     *
     * @return an immutable snapshot
     */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /**
     * The records handed to the handler and not done yet.
     *
     * @return the number of records in flight
     */
    public int inFlight() {
        return inFlight;
    }

    /**
     * The settings this consumer runs with.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * Stops polling, waits up to {@code inFlightTimeout} for the records in flight, commits the finished prefix and
     * closes the consumer. Calling it again returns the same stage.
     *
     * @param inFlightTimeout how long to wait for the records in flight
     * @return a stage that completes when the consumer is closed
     */
    public CompletionStage<Void> closeAsync(Duration inFlightTimeout) {
        Objects.requireNonNull(inFlightTimeout, "inFlightTimeout");
        if (!closing) {
            closeTimeout = inFlightTimeout;
            closing = true;
            consumer.wakeup();
        }
        return terminated.copy();
    }

    /**
     * Like {@link #closeAsync(Duration)} with {@link Settings#closeTimeout()}.
     *
     * @return a stage that completes when the consumer is closed
     */
    public CompletionStage<Void> closeAsync() {
        return closeAsync(settings.closeTimeout());
    }

    /**
     * Closes the consumer as {@link #closeAsync(Duration)} does and waits until it is closed.
     *
     * @param inFlightTimeout how long to wait for the records in flight
     */
    public void close(Duration inFlightTimeout) {
        CompletionStage<Void> done = closeAsync(inFlightTimeout);
        long waitMillis = inFlightTimeout.toMillis() + 3 * CALL_TIMEOUT.toMillis();
        try {
            done.toCompletableFuture().get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "Egress consumer " + settings.groupId() + " did not close cleanly", e.getCause());
        } catch (TimeoutException e) {
            LOG.log(
                    Level.WARNING,
                    "Egress consumer " + settings.groupId() + " still closing after " + waitMillis + " ms");
        }
    }

    /** Closes the consumer with {@link Settings#closeTimeout()} and waits until it is closed. */
    @Override
    public void close() {
        close(settings.closeTimeout());
    }

    // ---- The poll thread. Everything below runs on it, except complete(). ----

    private void run() {
        try {
            consumer.subscribe(settings.topics(), new Rebalance());
            long nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
            long nextLag = System.nanoTime();
            while (!closing) {
                try {
                    wakeupPending.set(false);
                    drainCompletions();
                    dispatchWaiting();
                    long now = System.nanoTime();
                    if (now - nextCommit >= 0) {
                        commitAsync();
                        nextCommit = now + settings.commitInterval().toNanos();
                    }
                    if (now - nextLag >= 0) {
                        refreshLag();
                        nextLag = now + settings.commitInterval().toNanos();
                    }
                    updatePauses();
                    wakeOnCompletion = !consumer.paused().isEmpty();
                    ConsumerRecords<String, byte[]> records =
                            consumer.poll(completions.isEmpty() ? POLL_TIMEOUT : Duration.ZERO);
                    wakeOnCompletion = false;
                    receive(records);
                    dispatchWaiting();
                } catch (WakeupException e) {
                    // A completion freed capacity, or close() was called.
                } catch (RuntimeException e) {
                    if (!closing) {
                        LOG.log(Level.WARNING, "Egress consumer " + settings.groupId() + ": poll failed, retrying", e);
                        sleepQuietly(FAILURE_BACKOFF_MILLIS);
                    }
                }
            }
            shutdown();
            terminated.complete(null);
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "Egress consumer " + settings.groupId() + " stopped on an unexpected failure", t);
            try {
                consumer.close(Duration.ZERO);
            } catch (RuntimeException closeFailure) {
                t.addSuppressed(closeFailure);
            }
            metrics.remove();
            terminated.completeExceptionally(t);
        }
    }

    private void receive(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            PartitionState state = partitions.computeIfAbsent(partition, PartitionState::new);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                long skipped = offsets.received(partition, record.offset());
                if (skipped > 0) {
                    metrics.skipped.increment(skipped);
                }
                state.waiting.add(record);
            }
        }
    }

    /** Hands waiting records to the handler, as far as the delivery order allows. */
    private void dispatchWaiting() {
        boolean ordered = settings.deliveryOrder() == DeliveryOrder.ORDERED;
        for (PartitionState state : partitions.values()) {
            while (!state.waiting.isEmpty() && (ordered ? state.inFlight == 0 : inFlight < settings.maxInFlight())) {
                dispatch(state, state.waiting.poll());
            }
        }
    }

    private void dispatch(PartitionState state, ConsumerRecord<String, byte[]> record) {
        CloudEvent event;
        try {
            event = KafkaMessageFactory.createReader(record).toEvent();
        } catch (RuntimeException e) {
            metrics.discarded.increment();
            if (LOG.isLoggable(Level.DEBUG)) {
                LOG.log(
                        Level.DEBUG,
                        "Discarding record " + state.partition + "@" + record.offset() + ", not a CloudEvent: "
                                + e.getMessage());
            }
            offsets.finished(state.partition, record.offset());
            return;
        }
        state.inFlight++;
        inFlight++;
        CompletionStage<Void> stage;
        try {
            stage = handler.handle(record, event);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) {
            stage = CompletableFuture.failedFuture(new NullPointerException("the handler returned no stage"));
        }
        long offset = record.offset();
        stage.whenComplete((ignored, failure) -> complete(new Completion(state, offset, failure)));
    }

    /** Called on any thread when a record is done. */
    private void complete(Completion completion) {
        completions.add(completion);
        if (wakeOnCompletion
                && Thread.currentThread() != thread
                && !closing
                && wakeupPending.compareAndSet(false, true)) {
            consumer.wakeup();
        }
    }

    private void drainCompletions() {
        Completion completion;
        while ((completion = completions.poll()) != null) {
            apply(completion);
        }
    }

    private void apply(Completion completion) {
        PartitionState state = completion.state;
        metrics.handled.increment();
        if (completion.failure != null) {
            metrics.failures.increment();
            LOG.log(
                    Level.WARNING,
                    "Egress consumer " + settings.groupId() + ": the handler failed on record " + state.partition + "@"
                            + completion.offset + "; treating it as done",
                    completion.failure);
        }
        if (state.revoked) {
            return;
        }
        state.inFlight--;
        inFlight--;
        offsets.finished(state.partition, completion.offset);
    }

    private void updatePauses() {
        Set<TopicPartition> assigned = consumer.assignment();
        Set<TopicPartition> shouldPause = new HashSet<>();
        if (settings.deliveryOrder() == DeliveryOrder.ORDERED) {
            for (PartitionState state : partitions.values()) {
                if (!state.waiting.isEmpty()) {
                    shouldPause.add(state.partition);
                }
            }
        } else if (inFlight >= settings.maxInFlight() || anyWaiting()) {
            shouldPause.addAll(assigned);
        }
        shouldPause.retainAll(assigned);
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toResume = new ArrayList<>();
        for (TopicPartition partition : paused) {
            if (!shouldPause.contains(partition) && assigned.contains(partition)) {
                toResume.add(partition);
            }
        }
        shouldPause.removeAll(paused);
        if (!shouldPause.isEmpty()) {
            consumer.pause(shouldPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    private boolean anyWaiting() {
        for (PartitionState state : partitions.values()) {
            if (!state.waiting.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ---- Commits ----

    private Map<TopicPartition, OffsetAndMetadata> commitCandidates(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> candidates = new LinkedHashMap<>();
        for (PartitionState state : states) {
            long committable = offsets.committable(state.partition);
            if (committable > state.commitRequested) {
                candidates.put(state.partition, new OffsetAndMetadata(committable));
            }
        }
        return candidates;
    }

    private void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> candidates = commitCandidates(partitions.values());
        if (candidates.isEmpty()) {
            return;
        }
        candidates.forEach((partition, offset) -> partitions.get(partition).commitRequested = offset.offset());
        consumer.commitAsync(candidates, (committed, failure) -> {
            if (failure == null) {
                committed.forEach(this::markCommitted);
            } else {
                LOG.log(
                        Level.WARNING,
                        "Egress consumer " + settings.groupId() + ": commit of " + committed
                                + " failed, retrying at the next interval: " + failure);
                committed.forEach((partition, offset) -> {
                    PartitionState state = partitions.get(partition);
                    if (state != null) {
                        state.commitRequested = Math.min(state.commitRequested, state.committed);
                    }
                });
            }
        });
    }

    /** Commits the finished prefix of these partitions and waits for the answer. */
    private void commitSync(Collection<PartitionState> states) {
        Map<TopicPartition, OffsetAndMetadata> candidates = commitCandidates(states);
        if (candidates.isEmpty()) {
            return;
        }
        for (int attempt = 0; ; attempt++) {
            try {
                consumer.commitSync(candidates, CALL_TIMEOUT);
                candidates.forEach(this::markCommitted);
                return;
            } catch (WakeupException e) {
                // A wake-up meant for the poll: it is used up now, so the commit can be tried again.
                if (attempt > 0) {
                    LOG.log(
                            Level.WARNING,
                            "Egress consumer " + settings.groupId() + ": commit of " + candidates
                                    + " interrupted twice, not committed");
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Egress consumer " + settings.groupId() + ": commit of " + candidates
                                + " failed; the records after the last commit will be delivered again: " + e);
                return;
            }
        }
    }

    private void markCommitted(TopicPartition partition, OffsetAndMetadata offset) {
        PartitionState state = partitions.get(partition);
        if (state == null || offset.offset() <= state.committed) {
            return;
        }
        if (state.committed >= 0) {
            metrics.committed.increment(offset.offset() - state.committed);
        }
        state.committed = offset.offset();
        state.commitRequested = Math.max(state.commitRequested, state.committed);
    }

    /**
     * Refreshes {@link #lag} from what the consumer already knows, without a request to Kafka: every fetch response
     * carries its partition's high watermark, so {@link KafkaConsumer#currentLag} (high watermark minus position) is
     * the part not fetched yet, and the part fetched but not committed is known here. A blocking end-offset query
     * would stop dispatch for as long as the broker takes to answer (up to its timeout, every interval); a partition
     * that is paused keeps the high watermark of its last fetch until it is resumed.
     */
    private void refreshLag() {
        Map<TopicPartition, Long> refreshed = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong unfetched = consumer.currentLag(partition);
            if (unfetched.isPresent()) {
                PartitionState state = partitions.get(partition);
                long committed = state == null ? -1 : state.committed;
                refreshed.put(partition, unfetched.getAsLong() + offsets.uncommitted(partition, committed));
            }
        }
        lag = Map.copyOf(refreshed);
    }

    // ---- Rebalance and close ----

    /** Revoked partitions: wait a little for their records in flight, commit their finished prefix, forget them. */
    private void revoke(Collection<TopicPartition> revoked) {
        // The wait below drains completions itself: a wake-up now would only interrupt the commit.
        wakeOnCompletion = false;
        List<PartitionState> states = new ArrayList<>();
        for (TopicPartition partition : revoked) {
            PartitionState state = partitions.get(partition);
            if (state != null) {
                states.add(state);
            }
        }
        if (!closing) {
            awaitInFlight(states, settings.revokeTimeout());
        }
        commitSync(states);
        forget(states);
    }

    private void forget(Collection<PartitionState> states) {
        for (PartitionState state : states) {
            state.revoked = true;
            inFlight -= state.inFlight;
            state.inFlight = 0;
            state.waiting.clear();
            partitions.remove(state.partition);
            offsets.remove(state.partition);
        }
    }

    /** Applies completions until these partitions have nothing in flight or the timeout passes. */
    private void awaitInFlight(Collection<PartitionState> states, Duration timeout) {
        drainCompletions();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (states.stream().anyMatch(state -> state.inFlight > 0)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            try {
                Completion completion = completions.poll(remaining, TimeUnit.NANOSECONDS);
                if (completion != null) {
                    apply(completion);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void shutdown() {
        wakeOnCompletion = false;
        List<PartitionState> states = new ArrayList<>(partitions.values());
        awaitInFlight(states, closeTimeout);
        if (inFlight > 0) {
            LOG.log(
                    Level.WARNING,
                    "Egress consumer " + settings.groupId() + " closing with " + inFlight
                            + " records still in flight; they will be delivered again");
        }
        commitSync(states);
        forget(states);
        try {
            consumer.close(CALL_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Egress consumer " + settings.groupId() + " did not close cleanly", e);
        }
        assignment = Set.of();
        lag = Map.of();
        metrics.remove();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            revoke(revoked);
            assignment = Set.copyOf(consumer.assignment());
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            for (TopicPartition partition : assigned) {
                partitions.computeIfAbsent(partition, PartitionState::new);
            }
            assignment = Set.copyOf(consumer.assignment());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            // Another member may own them already: committing would overwrite its progress.
            List<PartitionState> states = new ArrayList<>();
            for (TopicPartition partition : lost) {
                PartitionState state = partitions.get(partition);
                if (state != null) {
                    states.add(state);
                }
            }
            forget(states);
            assignment = Set.copyOf(consumer.assignment());
        }
    }

    /** One assigned partition, owned by the poll thread. */
    private static final class PartitionState {
        final TopicPartition partition;
        final ArrayDeque<ConsumerRecord<String, byte[]>> waiting = new ArrayDeque<>();
        int inFlight;
        long committed = -1;
        long commitRequested = -1;
        /** Set when the partition is revoked: completions that arrive later are ignored. */
        volatile boolean revoked;

        PartitionState(TopicPartition partition) {
            this.partition = partition;
        }
    }

    private record Completion(PartitionState state, long offset, Throwable failure) {}

    /** The meters of one egress consumer. */
    private static final class Metrics {
        final MeterRegistry registry;
        final List<Meter> meters = new ArrayList<>();
        final Counter handled;
        final Counter discarded;
        final Counter failures;
        final Counter skipped;
        final Counter committed;

        Metrics(Settings settings, java.util.function.IntSupplier inFlight) {
            registry = settings.meterRegistry() == null ? new SimpleMeterRegistry() : settings.meterRegistry();
            Tags tags =
                    Tags.of("messaging.consumer.group.name", settings.groupId()).and(settings.tags());
            handled = counter("kn.eventing.kafka.handled_events", "Records handed to the handler and done", tags);
            discarded = counter("kn.eventing.kafka.discarded_events", "Records that are not CloudEvents", tags);
            failures = counter("kn.eventing.kafka.handler_failures", "Records whose handler failed", tags);
            skipped = counter("kn.eventing.kafka.skipped_offsets", "Offsets missing from a partition", tags);
            committed = counter("kn.eventing.kafka.committed_offsets", "Offsets the commits advanced over", tags);
            meters.add(Gauge.builder("kn.eventing.kafka.in_flight_events", inFlight::getAsInt)
                    .description("Records handed to the handler and not done")
                    .tags(tags)
                    .register(registry));
        }

        private Counter counter(String name, String description, Tags tags) {
            Counter counter =
                    Counter.builder(name).description(description).tags(tags).register(registry);
            meters.add(counter);
            return counter;
        }

        void remove() {
            meters.forEach(registry::remove);
        }
    }

    /**
     * What an {@link EgressConsumer} consumes and how.
     *
     * @param bootstrapServers the Kafka {@code bootstrap.servers}
     * @param groupId the egress's consumer group
     * @param topics the topics to subscribe to
     * @param deliveryOrder ordered (one record in flight per partition) or unordered
     * @param maxInFlight the records in flight at most, unordered; default {@value KafkaSettings#MAX_POLL_RECORDS}
     * @param commitInterval how often the finished prefix is committed; default 1 s, shorter than Knative's 5 s:
     *     a commit is one small request, and a crash re-delivers up to an interval's worth of records
     * @param revokeTimeout how long a rebalance waits for the revoked partitions' records in flight before it
     *     commits and gives them up; default 1 s, as Knative
     * @param closeTimeout how long {@link EgressConsumer#close()} waits for the records in flight; default 10 s
     * @param consumerProperties consumer properties over {@link KafkaSettings#consumer}'s defaults
     * @param meterRegistry where the metrics go, or {@code null} for none
     * @param tags tags added to every metric (for example the Trigger's name and namespace)
     */
    public record Settings(
            String bootstrapServers,
            String groupId,
            List<String> topics,
            DeliveryOrder deliveryOrder,
            int maxInFlight,
            Duration commitInterval,
            Duration revokeTimeout,
            Duration closeTimeout,
            Map<String, String> consumerProperties,
            MeterRegistry meterRegistry,
            Tags tags) {

        /** The default {@link #commitInterval()}. */
        public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

        /** The default {@link #revokeTimeout()}. */
        public static final Duration DEFAULT_REVOKE_TIMEOUT = Duration.ofSeconds(1);

        /** The default {@link #closeTimeout()}. */
        public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(groupId, "groupId");
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("at least one topic is needed");
            }
            deliveryOrder = deliveryOrder == null ? DeliveryOrder.UNORDERED : deliveryOrder;
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
            }
            commitInterval = positive(commitInterval, DEFAULT_COMMIT_INTERVAL, "commitInterval");
            revokeTimeout = revokeTimeout == null ? DEFAULT_REVOKE_TIMEOUT : revokeTimeout;
            closeTimeout = closeTimeout == null ? DEFAULT_CLOSE_TIMEOUT : closeTimeout;
            consumerProperties = consumerProperties == null ? Map.of() : Map.copyOf(consumerProperties);
            tags = tags == null ? Tags.empty() : tags;
        }

        /**
         * Settings with every default: unordered, {@value KafkaSettings#MAX_POLL_RECORDS} in flight, commits every
         * second, no metrics.
         *
         * @param bootstrapServers the Kafka {@code bootstrap.servers}
         * @param groupId the consumer group
         * @param topics the topics
         * @return the settings
         */
        public static Settings of(String bootstrapServers, String groupId, List<String> topics) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    DeliveryOrder.UNORDERED,
                    KafkaSettings.MAX_POLL_RECORDS,
                    DEFAULT_COMMIT_INTERVAL,
                    DEFAULT_REVOKE_TIMEOUT,
                    DEFAULT_CLOSE_TIMEOUT,
                    Map.of(),
                    null,
                    Tags.empty());
        }

        /** @return a copy with this delivery order */
        public Settings withDeliveryOrder(DeliveryOrder order) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    order,
                    maxInFlight,
                    commitInterval,
                    revokeTimeout,
                    closeTimeout,
                    consumerProperties,
                    meterRegistry,
                    tags);
        }

        /** @return a copy with this limit of records in flight (unordered delivery) */
        public Settings withMaxInFlight(int max) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    deliveryOrder,
                    max,
                    commitInterval,
                    revokeTimeout,
                    closeTimeout,
                    consumerProperties,
                    meterRegistry,
                    tags);
        }

        /** @return a copy with this commit interval */
        public Settings withCommitInterval(Duration interval) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    deliveryOrder,
                    maxInFlight,
                    interval,
                    revokeTimeout,
                    closeTimeout,
                    consumerProperties,
                    meterRegistry,
                    tags);
        }

        /** @return a copy with these rebalance and close waits for records in flight */
        public Settings withTimeouts(Duration revoke, Duration close) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    deliveryOrder,
                    maxInFlight,
                    commitInterval,
                    revoke,
                    close,
                    consumerProperties,
                    meterRegistry,
                    tags);
        }

        /** @return a copy with these consumer properties over the defaults */
        public Settings withConsumerProperties(Map<String, String> properties) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    deliveryOrder,
                    maxInFlight,
                    commitInterval,
                    revokeTimeout,
                    closeTimeout,
                    properties,
                    meterRegistry,
                    tags);
        }

        /** @return a copy whose metrics go to this registry with these extra tags */
        public Settings withMetrics(MeterRegistry registry, Tags extraTags) {
            return new Settings(
                    bootstrapServers,
                    groupId,
                    topics,
                    deliveryOrder,
                    maxInFlight,
                    commitInterval,
                    revokeTimeout,
                    closeTimeout,
                    consumerProperties,
                    registry,
                    extraTags);
        }

        private static Duration positive(Duration value, Duration fallback, String name) {
            if (value == null) {
                return fallback;
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
