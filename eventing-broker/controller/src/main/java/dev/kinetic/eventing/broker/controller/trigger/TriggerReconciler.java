package dev.kinetic.eventing.broker.controller.trigger;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.api.eventing.v1.TriggerSpec;
import dev.kinetic.api.eventing.v1.TriggerStatus;
import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import dev.kinetic.eventing.broker.controller.broker.KafkaBrokerFilter;
import dev.kinetic.eventing.broker.controller.contract.BrokerEntry;
import dev.kinetic.eventing.broker.controller.contract.ContractWriter;
import dev.kinetic.eventing.broker.controller.contract.TriggerEntry;
import dev.kinetic.eventing.broker.controller.delivery.DeliveryOrders;
import dev.kinetic.eventing.broker.controller.delivery.EgressConfigs;
import dev.kinetic.eventing.broker.controller.destination.DestinationResolver;
import dev.kinetic.eventing.broker.controller.destination.ObjectReader;
import dev.kinetic.eventing.broker.controller.destination.Resolution;
import dev.kinetic.eventing.broker.controller.kafka.BrokerKafka;
import dev.kinetic.eventing.broker.controller.kafka.KafkaNames;
import dev.kinetic.eventing.broker.controller.kafka.KafkaUnavailableException;
import dev.kinetic.eventing.broker.controller.kube.Backoff;
import dev.kinetic.eventing.broker.controller.kube.Requeue;
import dev.kinetic.eventing.broker.controller.kube.StatusWriter;
import dev.kinetic.eventing.core.contract.Egress.DeliveryOrder;
import dev.kinetic.eventing.core.contract.EgressConfig;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles the Triggers of Kafka Brokers in phases: find the Broker; resolve the subscriber; pick the delivery
 * (the Trigger's, else the Broker's) and resolve its dead-letter sink; read the delivery order; check the
 * dependency; then put the Trigger's egress into the contract, or take it out while something it needs is missing.
 * Before a Trigger is served the first time, its consumer group gets the topic's end offsets as its initial offsets
 * (Knative's {@code InitialOffsetsCommitted}): it receives what is sent from then on, not the topic's history.
 *
 * <p>A change of a Broker reconciles its Triggers; Triggers waiting for a subscriber's address are looked at again
 * every few seconds. Triggers carry no finalizer: a deleted Trigger wakes its Broker's reconciler, which takes the
 * Trigger's egress out of the contract.
 */
@ControllerConfiguration(name = "kafka-trigger")
public class TriggerReconciler implements Reconciler<Trigger> {
    static final String BROKERS = "trigger-brokers";
    private static final Logger LOG = Logger.getLogger(TriggerReconciler.class);

    @Inject
    BrokerControllerSettings settings;

    @Inject
    ContractWriter contract;

    @Inject
    DestinationResolver resolver;

    @Inject
    ObjectReader reader;

    @Inject
    Backoff backoff;

    @Inject
    BrokerKafka kafka;

    @Override
    public List<EventSource<?, Trigger>> prepareEventSources(EventSourceContext<Trigger> context) {
        IndexedResourceCache<Trigger> triggers = context.getPrimaryCache();
        return List.of(new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Broker.class, Trigger.class)
                        .withName(BROKERS)
                        .withSecondaryToPrimaryMapper(broker -> triggersOf(triggers, broker))
                        .build(),
                context));
    }

    /** The Triggers in the Broker's namespace that name it. */
    static Set<ResourceID> triggersOf(IndexedResourceCache<Trigger> triggers, Broker broker) {
        String name = broker.getMetadata().getName();
        return triggers.list(broker.getMetadata().getNamespace())
                .filter(t -> name.equals(t.brokerName()))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }

    /** What a reconcile found out so far. */
    private static final class Pass extends Requeue {
        String subscriber;
        EgressConfig egressConfig;
        DeliveryOrder order;
        String waitingFor;

        Pass(Duration resync) {
            super(resync);
        }
    }

    @Override
    public UpdateControl<Trigger> reconcile(Trigger trigger, Context<Trigger> context) {
        String uid = trigger.getMetadata().getUid();
        if (trigger.getMetadata().getDeletionTimestamp() != null) {
            contract.removeTrigger(uid);
            return UpdateControl.noUpdate();
        }
        Optional<Broker> broker = broker(context, trigger);
        if (broker.isPresent() && !KafkaBrokerFilter.isOurs(broker.get())) {
            // Another broker class: its own controller reconciles this Trigger.
            contract.removeTrigger(uid);
            return UpdateControl.noUpdate();
        }
        TriggerStatus status = trigger.getStatus() == null
                ? new TriggerStatus()
                : Manifests.copy(trigger.getStatus(), TriggerStatus.class);
        status.initializeConditions();
        Pass pass = new Pass(settings.resyncInterval());

        reconcileBroker(trigger, broker, status, pass);
        reconcileSubscriber(trigger, status, pass);
        reconcileDelivery(trigger, broker, status, pass);
        reconcileDeliveryOrder(trigger, status, pass);
        reconcileDependency(trigger, status, pass);
        try {
            reconcileContract(trigger, broker, status, pass);
            backoff.succeeded(uid);
        } catch (KubernetesClientException e) {
            LOG.warnf("Trigger %s: cannot write the contract: %s", key(trigger), e.getMessage());
            status.markSubscribedUnknown(
                    "ContractNotWritten", "Cannot write the contract ConfigMap: " + e.getMessage());
            pass.requeueWithin(backoff.failed(uid));
        } catch (KafkaUnavailableException e) {
            LOG.warnf("Trigger %s: %s", key(trigger), e.getMessage());
            status.markSubscribedUnknown(
                    "InitialOffsetsNotCommitted",
                    "The consumer group's initial offsets are not committed yet: " + e.getMessage());
            pass.requeueWithin(backoff.failed(uid));
        }

        status.setObservedGeneration(trigger.getMetadata().getGeneration());
        StatusWriter.write(context.getClient(), trigger, status);
        return UpdateControl.<Trigger>noUpdate().rescheduleAfter(pass.requeue());
    }

    @SuppressWarnings("unchecked")
    private static Optional<Broker> broker(Context<Trigger> context, Trigger trigger) {
        String name = trigger.brokerName();
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        String namespace = trigger.getMetadata().getNamespace();
        InformerEventSource<Broker, Trigger> brokers = (InformerEventSource<Broker, Trigger>)
                context.eventSourceRetriever().getEventSourceFor(Broker.class, BROKERS);
        Optional<Broker> cached = brokers.get(new ResourceID(name, namespace));
        if (cached.isPresent()) {
            return cached;
        }
        // The cache may lag behind a Broker created just before its Trigger: ask before calling it missing.
        return Optional.ofNullable(context.getClient()
                .resources(Broker.class)
                .inNamespace(namespace)
                .withName(name)
                .get());
    }

    // ------------------------------------------------------------------ phases

    private void reconcileBroker(Trigger trigger, Optional<Broker> broker, TriggerStatus status, Pass pass) {
        if (broker.isEmpty()) {
            status.markBrokerFailed(
                    "BrokerDoesNotExist",
                    "Broker \"" + trigger.brokerName() + "\" does not exist in namespace \""
                            + trigger.getMetadata().getNamespace() + "\"");
            pass.waitingFor = "its Broker";
            return;
        }
        Broker b = broker.get();
        status.propagateBrokerCondition(
                b.getStatus() == null
                        ? null
                        : b.getStatus().condition(ConditionSet.READY).orElse(null));
    }

    private void reconcileSubscriber(Trigger trigger, TriggerStatus status, Pass pass) {
        TriggerSpec spec = trigger.getSpec();
        Resolution resolution = resolver.resolve(
                spec == null ? null : spec.getSubscriber(),
                trigger.getMetadata().getNamespace());
        if (resolution instanceof Resolution.Resolved resolved) {
            status.markSubscriberResolved(resolved.address());
            pass.subscriber = resolved.url();
        } else {
            Resolution.Unresolvable failure = (Resolution.Unresolvable) resolution;
            status.markSubscriberResolvedFailed(failure.reason(), "Subscriber: " + failure.message());
            pass.waitingFor = "its subscriber";
            pass.requeueWithin(settings.waitingRetryInterval());
        }
    }

    private void reconcileDelivery(Trigger trigger, Optional<Broker> broker, TriggerStatus status, Pass pass) {
        DeliverySpec own = trigger.getSpec() == null ? null : trigger.getSpec().getDelivery();
        DeliverySpec brokers = broker.map(
                        b -> b.getSpec() == null ? null : b.getSpec().getDelivery())
                .orElse(null);
        DeliverySpec delivery = EgressConfigs.effective(own, brokers);
        String deadLetter = null;
        if (delivery == null || delivery.getDeadLetterSink() == null) {
            status.markDeadLetterSinkNotConfigured();
        } else {
            String namespace = own != null
                    ? trigger.getMetadata().getNamespace()
                    : broker.get().getMetadata().getNamespace();
            Resolution resolution = resolver.resolve(delivery.getDeadLetterSink(), namespace);
            if (resolution instanceof Resolution.Resolved resolved) {
                status.markDeadLetterSinkResolved(resolved.address());
                deadLetter = resolved.url();
            } else {
                Resolution.Unresolvable failure = (Resolution.Unresolvable) resolution;
                status.markDeadLetterSinkResolvedFailed(
                        failure.reason(),
                        "Dead letter sink of " + (own != null ? "spec.delivery" : "the Broker's spec.delivery") + ": "
                                + failure.message());
                pass.waitingFor = "its dead letter sink";
                pass.requeueWithin(settings.waitingRetryInterval());
                return;
            }
        }
        EgressConfigs.Result egress = EgressConfigs.from(delivery, deadLetter);
        if (egress.config().isEmpty()) {
            status.markNotSubscribed(
                    "InvalidDelivery",
                    (own != null ? "spec.delivery" : "The Broker's spec.delivery") + " is invalid: "
                            + egress.message());
            return;
        }
        pass.egressConfig = egress.config().get();
    }

    private void reconcileDeliveryOrder(Trigger trigger, TriggerStatus status, Pass pass) {
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(Knative.DELIVERY_ORDER_ANNOTATION);
        Optional<DeliveryOrder> order = DeliveryOrders.parse(value);
        if (order.isEmpty()) {
            status.markNotSubscribed(
                    "InvalidDeliveryOrder",
                    "The annotation " + Knative.DELIVERY_ORDER_ANNOTATION + " must be " + DeliveryOrders.ORDERED
                            + " or " + DeliveryOrders.UNORDERED + ", got \"" + value + "\"");
            return;
        }
        pass.order = order.get();
    }

    private void reconcileDependency(Trigger trigger, TriggerStatus status, Pass pass) {
        Map<String, String> annotations = trigger.getMetadata().getAnnotations();
        String dependency = annotations == null ? null : annotations.get(Knative.DEPENDENCY_ANNOTATION);
        if (dependency == null) {
            status.markDependencySucceeded();
            return;
        }
        Dependencies.State state =
                Dependencies.check(dependency, trigger.getMetadata().getNamespace(), reader);
        switch (state.status()) {
            case "True" -> status.markDependencySucceeded();
            case "False" -> status.markDependencyFailed(state.reason(), state.message());
            default -> {
                status.markDependencyUnknown(state.reason(), state.message());
                pass.requeueWithin(settings.waitingRetryInterval());
            }
        }
    }

    /** The egress is served while the Broker is and the subscriber and delivery are resolved; else it is removed. */
    private void reconcileContract(Trigger trigger, Optional<Broker> broker, TriggerStatus status, Pass pass) {
        String uid = trigger.getMetadata().getUid();
        if (pass.egressConfig == null || pass.order == null) {
            // A user mistake, already marked on SubscriptionReady.
            contract.removeTrigger(uid);
            return;
        }
        Optional<BrokerEntry> served =
                broker.flatMap(b -> contract.broker(b.getMetadata().getUid()));
        if (pass.subscriber == null || served.isEmpty()) {
            contract.removeTrigger(uid);
            String waitingFor = pass.subscriber == null ? pass.waitingFor : "its Broker to be served";
            status.markSubscribedUnknown(
                    "SubscriptionNotReady", "The Trigger's consumer group waits for " + waitingFor);
            pass.requeueWithin(settings.waitingRetryInterval());
            return;
        }
        String group = KafkaNames.triggerConsumerGroup(
                trigger.getMetadata().getNamespace(), trigger.getMetadata().getName());
        boolean alreadyServed = contract.triggersOf(served.get().uid()).stream()
                .anyMatch(entry -> entry.uid().equals(uid));
        if (!alreadyServed) {
            // Throws KafkaUnavailableException before anything is served: the caller reports it and retries.
            int committed = kafka.commitInitialOffsets(
                    served.get().bootstrapServers(), group, served.get().topic());
            if (committed > 0) {
                LOG.infof(
                        "Trigger %s: consumer group %s starts at the end of %s (initial offsets for %d of its partitions)",
                        key(trigger), group, served.get().topic(), committed);
            }
        }
        TriggerSpec spec = trigger.getSpec();
        contract.putTrigger(new TriggerEntry(
                uid,
                trigger.getMetadata().getNamespace(),
                trigger.getMetadata().getName(),
                served.get().uid(),
                group,
                pass.subscriber,
                spec.getFilter() == null ? null : spec.getFilter().getAttributes(),
                spec.getFilters(),
                pass.egressConfig,
                pass.order));
        status.markSubscriptionReady();
    }

    private static String key(Trigger trigger) {
        return trigger.getMetadata().getNamespace() + "/"
                + trigger.getMetadata().getName();
    }
}
