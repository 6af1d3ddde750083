package dev.kinetic.eventing.broker.receiver;

import dev.kinetic.eventing.core.contract.Reference;
import dev.kinetic.eventing.core.contract.Resource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The receiver's meters, with Knative's names (eventing.md §3.6): {@code kn.eventing.dispatch.latency} per broker and
 * response status (its count is the number of requests), and {@code kn.eventing.kafka.discarded_events} for events
 * refused before Kafka. Meters are created once per broker and status and cached, so the request path only looks
 * them up.
 */
final class ReceiverMetrics {
    static final String DISPATCH_LATENCY = "kn.eventing.dispatch.latency";
    static final String DISCARDED = "kn.eventing.kafka.discarded_events";

    private final MeterRegistry registry;
    private final BrokerMeters unknown;

    ReceiverMetrics(MeterRegistry registry) {
        this.registry = registry;
        // The same tag keys as every broker's meters: Prometheus refuses one name with two sets of keys.
        this.unknown = new BrokerMeters(
                registry, Tags.of("kn.broker.name", "", "kn.broker.namespace", "", "messaging.destination.name", ""));
    }

    /** The meters of one broker. */
    BrokerMeters forResource(Resource resource) {
        Reference reference = resource.reference();
        String name = reference == null ? resource.uid() : reference.name();
        String namespace = reference == null ? "" : reference.namespace();
        return new BrokerMeters(
                registry,
                Tags.of(
                        "kn.broker.name", name,
                        "kn.broker.namespace", namespace,
                        "messaging.destination.name", resource.topics().get(0)));
    }

    /** Meters of requests that matched no broker. */
    BrokerMeters unknown() {
        return unknown;
    }

    /** The meters of one broker, by status. */
    static final class BrokerMeters {
        private final MeterRegistry registry;
        private final Tags tags;
        private final Map<Integer, Timer> latency = new ConcurrentHashMap<>();
        /** The 202 timer, the one nearly every request records, kept apart from the map (no boxing, no lookup). */
        private volatile Timer accepted;

        private final Map<Integer, Counter> discarded = new ConcurrentHashMap<>();

        BrokerMeters(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
        }

        /** Records one answered request. */
        void answered(int status, long startNanos) {
            Timer timer = status == 202 ? accepted() : latency.computeIfAbsent(status, this::latency);
            timer.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            if (status >= 400) {
                discarded
                        .computeIfAbsent(status, s -> Counter.builder(DISCARDED)
                                .description("Events the receiver refused")
                                .tags(tags)
                                .tag("http.response.status_code", Integer.toString(s))
                                .register(registry))
                        .increment();
            }
        }

        private Timer accepted() {
            Timer timer = accepted;
            if (timer == null) {
                timer = latency.computeIfAbsent(202, this::latency);
                accepted = timer;
            }
            return timer;
        }

        private Timer latency(int status) {
            return Timer.builder(DISPATCH_LATENCY)
                    .description("Time from a request's arrival to its answer")
                    .tags(tags)
                    .tag("http.response.status_code", Integer.toString(status))
                    .register(registry);
        }
    }
}
