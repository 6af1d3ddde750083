package dev.kinetic.eventing.broker.dispatcher;

import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.eventing.core.delivery.DeliveryOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The dispatcher's meters per Trigger, with Knative's names where Knative has one (eventing.md §3.6):
 *
 * <ul>
 *   <li>{@code kn.eventing.dispatch.latency}: one delivery attempt chain to the subscriber, by final status;
 *   <li>{@code kn.eventing.process.latency}: filter evaluation;
 *   <li>{@code kn.eventing.dispatch.in_flight_requests}: events in flight;
 *   <li>{@code http.events.sent}: events by outcome ({@code delivered}, {@code dead_lettered}, {@code dropped},
 *       {@code filtered}) and status;
 *   <li>{@code kn.eventing.kafka.consumer.lag}: records not yet committed, summed over the Trigger's partitions
 *       (Knative leaves lag to Kafka's client metrics; per Trigger is what operators look at first);
 *   <li>{@code kn.eventing.broker.ttl_exhausted}: replies dropped because their {@code knativebrokerttl} ran out
 *       (ours: Knative's Kafka broker has no loop protection);
 *   <li>{@code kn.eventing.broker.reply_failures}: replies Kafka did not take.
 * </ul>
 *
 * Meters are created once per Trigger (and status) and removed with it.
 */
final class DispatcherMetrics {
    private final MeterRegistry registry;

    DispatcherMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    TriggerMeters forTrigger(Resource resource, Egress egress, Supplier<Number> lag) {
        Reference trigger = egress.reference();
        Reference broker = resource.reference();
        Tags tags = Tags.of(
                "kn.trigger.name", trigger == null ? egress.uid() : trigger.name(),
                "kn.trigger.namespace", trigger == null ? "" : trigger.namespace(),
                "kn.broker.name", broker == null ? resource.uid() : broker.name(),
                "messaging.consumer.group.name", egress.consumerGroup());
        return new TriggerMeters(registry, tags, lag);
    }

    /** The meters of one Trigger. */
    static final class TriggerMeters implements AutoCloseable {
        private final MeterRegistry registry;
        private final Tags tags;
        private final AtomicInteger inFlight = new AtomicInteger();
        private final Map<String, Timer> latency = new ConcurrentHashMap<>();
        private final Map<String, Counter> events = new ConcurrentHashMap<>();
        private final Timer process;
        private final Counter ttlExhausted;
        private final Counter replyFailures;
        private final List<Meter> meters = new CopyOnWriteArrayList<>();

        TriggerMeters(MeterRegistry registry, Tags tags, Supplier<Number> lag) {
            this.registry = registry;
            this.tags = tags;
            this.process = keep(Timer.builder("kn.eventing.process.latency")
                    .description("Filter evaluation time")
                    .tags(tags)
                    .register(registry));
            this.ttlExhausted = keep(Counter.builder("kn.eventing.broker.ttl_exhausted")
                    .description("Replies dropped because their knativebrokerttl ran out")
                    .tags(tags)
                    .register(registry));
            this.replyFailures = keep(Counter.builder("kn.eventing.broker.reply_failures")
                    .description("Replies Kafka did not take")
                    .tags(tags)
                    .register(registry));
            keep(Gauge.builder("kn.eventing.dispatch.in_flight_requests", inFlight, AtomicInteger::get)
                    .tags(tags)
                    .register(registry));
            keep(Gauge.builder(
                            "kn.eventing.kafka.consumer.lag", lag, s -> s.get().doubleValue())
                    .description("Records of the Trigger's partitions not yet committed")
                    .tags(tags)
                    .register(registry));
        }

        /** The Trigger's tags, shared with the consumer engine's meters. */
        Tags tags() {
            return tags;
        }

        private <M extends Meter> M keep(M meter) {
            meters.add(meter);
            return meter;
        }

        /** Records the filter's evaluation of one event. */
        void evaluated(long startNanos) {
            process.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }

        void started() {
            inFlight.incrementAndGet();
        }

        /** One delivery is over; {@code result} is null when it failed unexpectedly (a bug, counted as an error). */
        void finished(DeliveryOutcome result, long startNanos) {
            inFlight.decrementAndGet();
            String outcome = result == null ? "error" : result.kind().name().toLowerCase(Locale.ROOT);
            int status = result == null ? 0 : result.destinationStatus().orElse(0);
            String code = status > 0 ? Integer.toString(status) : "none";
            latency.computeIfAbsent(
                            code,
                            c -> keep(Timer.builder("kn.eventing.dispatch.latency")
                                    .description("Time to deliver an event to the subscriber, retries included")
                                    .tags(tags)
                                    .tag("http.response.status_code", c)
                                    .register(registry)))
                    .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            count(outcome, code);
        }

        void count(String outcome, String code) {
            events.computeIfAbsent(
                            outcome + "/" + code,
                            k -> keep(Counter.builder("http.events.sent")
                                    .description("Events handled, by outcome")
                                    .tags(tags)
                                    .tag("outcome", outcome)
                                    .tag("http.response.status_code", code)
                                    .register(registry)))
                    .increment();
        }

        void ttlExhausted() {
            ttlExhausted.increment();
        }

        void replyFailed() {
            replyFailures.increment();
        }

        @Override
        public synchronized void close() {
            meters.forEach(registry::remove);
            meters.clear();
        }
    }
}
