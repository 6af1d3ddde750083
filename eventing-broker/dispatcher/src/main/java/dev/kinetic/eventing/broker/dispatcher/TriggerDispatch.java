package dev.kinetic.eventing.broker.dispatcher;

import dev.kinetic.eventing.core.broker.BrokerTtl;
import dev.kinetic.eventing.core.contract.Egress;
import dev.kinetic.eventing.core.contract.EgressConfig;
import dev.kinetic.eventing.core.contract.Resource;
import dev.kinetic.eventing.core.delivery.Delivery;
import dev.kinetic.eventing.core.delivery.DeliveryOutcome;
import dev.kinetic.eventing.core.filter.EventFilter;
import dev.kinetic.eventing.core.kafka.EventProducer;
import dev.kinetic.eventing.core.kafka.RecordHandler;
import io.cloudevents.CloudEvent;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the dispatcher does with each record of one Trigger: filter; deliver to the subscriber with the Trigger's (or
 * else the Broker's) delivery, the {@code knativebrokerttl} stripped; dead-letter when that fails; produce the
 * subscriber's reply back to the broker's topic with one less TTL (or drop it when the TTL is used up). The returned
 * stage completes when the record is done, whatever the outcome, and the engine then may commit its offset: an event
 * is done once delivered, dead-lettered, or dropped after its dead-letter sink failed too (as Knative's dispatcher).
 * A reply Kafka does not take after the producer's own retries is counted ({@code kn.eventing.broker.reply_failures})
 * and logged, and the record completes: the original event was delivered, and delivering it again only to get
 * another reply would duplicate it at the subscriber.
 */
final class TriggerDispatch implements RecordHandler {
    private static final Logger LOG = System.getLogger(TriggerDispatch.class.getName());
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Resource resource;
    private final Egress egress;
    private final EventFilter filter;
    private final EgressConfig delivery;
    private final Delivery sender;
    private final EventProducer replies;
    private final DispatcherMetrics.TriggerMeters meters;
    private final Map<String, String> headers;

    TriggerDispatch(
            Resource resource,
            Egress egress,
            EventFilter filter,
            Delivery sender,
            EventProducer replies,
            DispatcherMetrics.TriggerMeters meters) {
        this.resource = resource;
        this.egress = egress;
        this.filter = filter;
        this.delivery = effectiveDelivery(resource, egress);
        this.sender = sender;
        this.replies = replies;
        this.meters = meters;
        String namespace =
                egress.reference() == null ? null : egress.reference().namespace();
        this.headers = namespace == null ? Map.of() : Map.of("Kn-Namespace", namespace);
    }

    /** A Trigger's own delivery wins as a whole over its Broker's; neither means one attempt, no dead-letter sink. */
    static EgressConfig effectiveDelivery(Resource resource, Egress egress) {
        if (egress.egressConfig() != null) {
            return egress.egressConfig();
        }
        return resource.egressConfig() != null ? resource.egressConfig() : EgressConfig.NONE;
    }

    @Override
    public CompletionStage<Void> handle(ConsumerRecord<String, byte[]> record, CloudEvent event) {
        long start = System.nanoTime();
        boolean pass = filter.test(event);
        meters.evaluated(start);
        if (!pass) {
            meters.count("filtered", "none");
            return DONE;
        }
        int ttl = BrokerTtl.of(event);
        meters.started();
        return sender.deliver(BrokerTtl.strip(event), egress.destination(), delivery, headers)
                .toCompletionStage()
                .whenComplete((outcome, error) -> meters.finished(outcome, start))
                .thenCompose(outcome -> reply(outcome, ttl))
                .exceptionally(error -> {
                    LOG.log(Level.ERROR, "delivery of " + event.getId() + " failed unexpectedly", error);
                    return null;
                });
    }

    private CompletionStage<Void> reply(DeliveryOutcome outcome, int ttl) {
        if (outcome.reply().isEmpty()) {
            return DONE;
        }
        CloudEvent reply = outcome.reply().get();
        switch (egress.replyStrategy()) {
            case DISCARD:
                return DONE;
            case REPLY_URL:
                if (egress.replyUrl() == null) {
                    return DONE;
                }
                return sender.deliver(reply, egress.replyUrl(), delivery, headers)
                        .toCompletionStage()
                        .thenApply(o -> null);
            case REPLY_TO_ORIGINAL_TOPIC:
            default:
                CloudEvent next = BrokerTtl.reply(reply, ttl);
                if (next == null) {
                    meters.ttlExhausted();
                    LOG.log(Level.DEBUG, "dropped reply {0}: {1} used up", reply.getId(), BrokerTtl.EXTENSION);
                    return DONE;
                }
                return replies.send(resource.topics().get(0), next).handle((ok, error) -> {
                    if (error != null) {
                        meters.replyFailed();
                        LOG.log(Level.WARNING, "reply " + reply.getId() + " was not produced: " + error.getMessage());
                    }
                    return null;
                });
        }
    }
}
