package dev.kinetic.eventing.broker.dispatcher;

import dev.kinetic.eventing.core.contract.ContractListener;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.eventing.core.delivery.Delivery;
import dev.kinetic.eventing.core.filter.EventFilter;
import dev.kinetic.eventing.core.filter.Filters;
import dev.kinetic.eventing.core.kafka.EgressConsumer;
import dev.kinetic.eventing.core.kafka.EventProducer;
import dev.kinetic.eventing.core.kafka.KafkaSettings;
import dev.kinetic.eventing.core.kafka.SharedProducers;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The running Triggers, kept from the contract by diff: a new egress starts its consumer group, a changed one is
 * restarted, a removed one is stopped (its finished offsets committed); no other Trigger is touched.
 */
final class Dispatchers implements ContractListener, AutoCloseable {
    private static final Logger LOG = System.getLogger(Dispatchers.class.getName());

    private final DispatcherSettings settings;
    private final Delivery delivery;
    private final DispatcherMetrics metrics;
    private final MeterRegistry registry;
    private final Map<String, Running> running = new HashMap<>();
    private final SharedProducers replyProducers;

    Dispatchers(DispatcherSettings settings, Delivery delivery, DispatcherMetrics metrics, MeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
        this.replyProducers = new SharedProducers(
                (servers, encoding) -> {
                    Map<String, Object> config = KafkaSettings.producer(
                            servers, encoding, settings.dispatcher().producer());
                    return new EventProducer(new KafkaProducer<String, CloudEvent>(config), "reply", config);
                },
                settings.dispatcher().closeTimeout());
        this.delivery = delivery;
        this.metrics = metrics;
    }

    private record Running(Resource resource, EgressConsumer consumer, DispatcherMetrics.TriggerMeters meters) {}

    /** How many Triggers run. */
    synchronized int size() {
        return running.size();
    }

    @Override
    public synchronized void onEgressAdded(Resource resource, Egress egress) {
        start(resource, egress);
    }

    @Override
    public synchronized void onEgressUpdated(Resource resource, Egress previous, Egress egress) {
        stop(egress.uid());
        start(resource, egress);
    }

    @Override
    public synchronized void onEgressRemoved(Resource resource, Egress egress) {
        stop(egress.uid());
    }

    private void start(Resource resource, Egress egress) {
        if (egress.destination() == null || resource.topics().isEmpty()) {
            LOG.log(Level.WARNING, "egress {0} has no destination or its resource no topic: not started", egress.uid());
            return;
        }
        EventProducer replies = replyProducers.acquire(resource.bootstrapServers(), Encoding.BINARY);
        AtomicReference<EgressConsumer> consumerRef = new AtomicReference<>();
        DispatcherMetrics.TriggerMeters meters = metrics.forTrigger(resource, egress, () -> {
            EgressConsumer c = consumerRef.get();
            return c == null
                    ? 0L
                    : c.lag().values().stream().mapToLong(Long::longValue).sum();
        });
        EventFilter filter = Filters.compile(egress.filterAttributes(), egress.filters());
        filter.problems()
                .forEach(problem -> LOG.log(
                        Level.WARNING,
                        "trigger {0}: {1}; its filter matches nothing",
                        egress.consumerGroup(),
                        problem));
        TriggerDispatch handler = new TriggerDispatch(resource, egress, filter, delivery, replies, meters);
        EgressConsumer consumer = EgressConsumer.start(
                EgressConsumer.Settings.of(resource.bootstrapServers(), egress.consumerGroup(), resource.topics())
                        .withDeliveryOrder(egress.deliveryOrder())
                        .withMaxInFlight(settings.dispatcher().maxInFlight())
                        .withCommitInterval(settings.dispatcher().commitInterval())
                        .withTimeouts(
                                EgressConsumer.Settings.DEFAULT_REVOKE_TIMEOUT,
                                settings.dispatcher().closeTimeout())
                        .withConsumerProperties(consumerProperties())
                        .withMetrics(registry, meters.tags()),
                handler);
        consumerRef.set(consumer);
        running.put(egress.uid(), new Running(resource, consumer, meters));
        LOG.log(
                Level.INFO,
                "started {0} ({1}, {2}) -> {3}",
                egress.consumerGroup(),
                egress.deliveryOrder(),
                resource.topics(),
                egress.destination());
    }

    private void stop(String uid) {
        Running old = running.remove(uid);
        if (old == null) {
            return;
        }
        old.consumer().close(settings.dispatcher().closeTimeout());
        old.meters().close();
        replyProducers.release(old.resource().bootstrapServers(), Encoding.BINARY);
        LOG.log(Level.INFO, "stopped egress {0}", uid);
    }

    /**
     * The consumer properties: the dispatcher's defaults, then the configured overrides. The controller commits a new
     * Trigger's initial offsets (the topic's end, as Knative) before the Trigger reaches the contract, so {@code
     * earliest} only applies where the group has no valid offset: a partition added to the topic later, or a committed
     * offset that retention has already removed. Nothing still retained is skipped.
     */
    private Map<String, String> consumerProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("auto.offset.reset", "earliest");
        properties.putAll(settings.dispatcher().consumer());
        return properties;
    }

    /** Stops every Trigger, committing what is finished. */
    @Override
    public synchronized void close() {
        for (String uid : Map.copyOf(running).keySet()) {
            stop(uid);
        }
        replyProducers.close();
    }
}
