package dev.kinetic.eventing.broker.controller.broker;

import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.KReference;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.BrokerStatus;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import dev.kinetic.eventing.broker.controller.config.KafkaBrokerConfig;
import dev.kinetic.eventing.broker.controller.contract.BrokerEntry;
import dev.kinetic.eventing.broker.controller.contract.ContractBuilder;
import dev.kinetic.eventing.broker.controller.contract.ContractWriter;
import dev.kinetic.eventing.broker.controller.contract.TriggerEntry;
import dev.kinetic.eventing.broker.controller.delivery.EgressConfigs;
import dev.kinetic.eventing.broker.controller.destination.DestinationResolver;
import dev.kinetic.eventing.broker.controller.destination.Resolution;
import dev.kinetic.eventing.broker.controller.kafka.BrokerKafka;
import dev.kinetic.eventing.broker.controller.kafka.KafkaNames;
import dev.kinetic.eventing.broker.controller.kafka.KafkaUnavailableException;
import dev.kinetic.eventing.broker.controller.kube.Backoff;
import dev.kinetic.eventing.broker.controller.kube.Requeue;
import dev.kinetic.eventing.broker.controller.kube.StatusWriter;
import dev.kinetic.eventing.core.contract.EgressConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Reconciles Brokers of class {@code Kafka} (and Brokers without a class, which get it) in phases: read and parse the
 * config; create the topic (or check the external one); resolve the dead-letter sink; put the Broker into the
 * contract; publish the address; check the receivers. The status is written once, at the end.
 *
 * <p>A deleted Trigger of the Broker wakes it too: its egress leaves the contract here, as Triggers carry no
 * finalizer, and its consumer group is deleted once the dispatcher has let go of it (kept in memory meanwhile; a
 * restart forgets it, and the Broker's own deletion then cannot find it either).
 *
 * <p>A Broker whose config later becomes invalid, or whose topic check fails, stays in the contract as it was last
 * served, so a passing misconfiguration or Kafka outage does not stop its data plane.
 *
 * <p>A finalizer holds a deleted Broker until it is out of the contract, its Triggers' consumer groups are deleted
 * and its topic is deleted (never an external topic).
 */
@ControllerConfiguration(
        name = "kafka-broker",
        finalizerName = BrokerReconciler.FINALIZER,
        informer = @Informer(genericFilter = KafkaBrokerFilter.class))
public class BrokerReconciler implements Reconciler<Broker>, Cleaner<Broker> {
    /** Knative's finalizer name for Kafka brokers. */
    public static final String FINALIZER = "kafka.eventing.knative.dev/finalizer";

    private static final Logger LOG = Logger.getLogger(BrokerReconciler.class);
    static final String TRIGGERS = "broker-triggers";

    @Inject
    BrokerControllerSettings settings;

    @Inject
    ContractWriter contract;

    @Inject
    BrokerKafka kafka;

    @Inject
    DestinationResolver resolver;

    @Inject
    ReceiverProbe probe;

    @Inject
    Backoff backoff;

    /** Consumer groups of deleted Triggers still to delete, by Broker uid. */
    private final Map<String, Set<String>> orphanGroups = new ConcurrentHashMap<>();

    /** What a reconcile decided so far: the config, the topic, and when to look again. */
    private static final class Pass extends Requeue {
        KafkaBrokerConfig config;
        String topic;
        String deadLetter;
        EgressConfig egressConfig;
        boolean inContract;
        boolean transientFailure;

        Pass(Duration resync) {
            super(resync);
        }
    }

    /** Triggers, to wake their Broker when one is deleted (additions and changes are the Trigger reconciler's). */
    @Override
    public List<EventSource<?, Broker>> prepareEventSources(EventSourceContext<Broker> context) {
        return List.of(new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Trigger.class, Broker.class)
                        .withName(TRIGGERS)
                        .withSecondaryToPrimaryMapper(t -> t.brokerName() == null
                                ? Set.of()
                                : Set.of(new ResourceID(
                                        t.brokerName(), t.getMetadata().getNamespace())))
                        .withOnAddFilter(t -> false)
                        .withOnUpdateFilter((updated, old) -> false)
                        .build(),
                context));
    }

    @Override
    public UpdateControl<Broker> reconcile(Broker broker, Context<Broker> context) {
        KubernetesClient client = context.getClient();
        Broker current = defaultClass(client, broker);
        String uid = current.getMetadata().getUid();
        BrokerStatus status = current.getStatus() == null
                ? new BrokerStatus()
                : Manifests.copy(current.getStatus(), BrokerStatus.class);
        status.initializeConditions();
        Pass pass = new Pass(settings.resyncInterval());

        pruneDeletedTriggers(context, current);
        reconcileConfig(client, current, status, pass);
        if (pass.config != null) {
            reconcileTopic(current, status, pass);
            deleteOrphanGroups(current, pass);
        }
        reconcileDeadLetterSink(current, status, pass);
        if (pass.config != null && pass.topic != null && pass.egressConfig != null) {
            reconcileContract(current, status, pass);
        }
        reconcileAddress(current, status, pass);
        if (pass.inContract) {
            reconcileDataPlane(current, status, pass);
        }

        if (pass.transientFailure) {
            pass.requeueWithin(backoff.failed(uid));
        } else {
            backoff.succeeded(uid);
        }
        status.setObservedGeneration(current.getMetadata().getGeneration());
        StatusWriter.write(client, current, status);
        return UpdateControl.<Broker>noUpdate().rescheduleAfter(pass.requeue());
    }

    /** Webhook-style defaulting: a Broker without a class gets {@code Kafka}, the default class. */
    private static Broker defaultClass(KubernetesClient client, Broker broker) {
        String brokerClass = broker.brokerClass();
        if (brokerClass != null && !brokerClass.isEmpty()) {
            return broker;
        }
        return client.resources(Broker.class)
                .inNamespace(broker.getMetadata().getNamespace())
                .withName(broker.getMetadata().getName())
                .edit(b -> {
                    Map<String, String> annotations = b.getMetadata().getAnnotations() == null
                            ? new HashMap<>()
                            : new HashMap<>(b.getMetadata().getAnnotations());
                    annotations.put(Knative.BROKER_CLASS_ANNOTATION, Knative.KAFKA_BROKER_CLASS);
                    b.getMetadata().setAnnotations(annotations);
                    return b;
                });
    }

    // ------------------------------------------------------------------ phases

    /**
     * Takes the egresses of deleted Triggers out of the contract. A Trigger missing from the cache is looked up
     * before it is dropped: the cache may not have seen a Trigger that was created a moment ago.
     */
    @SuppressWarnings("unchecked")
    private void pruneDeletedTriggers(Context<Broker> context, Broker broker) {
        String namespace = broker.getMetadata().getNamespace();
        InformerEventSource<Trigger, Broker> source = (InformerEventSource<Trigger, Broker>)
                context.eventSourceRetriever().getEventSourceFor(Trigger.class, TRIGGERS);
        Set<String> cached =
                source.list(namespace).map(t -> t.getMetadata().getUid()).collect(Collectors.toSet());
        for (TriggerEntry entry : contract.triggersOf(broker.getMetadata().getUid())) {
            if (cached.contains(entry.uid())) {
                continue;
            }
            Trigger live = context.getClient()
                    .resources(Trigger.class)
                    .inNamespace(entry.namespace())
                    .withName(entry.name())
                    .get();
            if (live == null || !entry.uid().equals(live.getMetadata().getUid())) {
                LOG.debugf("Trigger %s/%s is gone: its egress leaves the contract", entry.namespace(), entry.name());
                contract.removeTrigger(entry.uid());
                orphanGroups
                        .computeIfAbsent(broker.getMetadata().getUid(), k -> ConcurrentHashMap.newKeySet())
                        .add(entry.consumerGroup());
            }
        }
    }

    private void reconcileConfig(KubernetesClient client, Broker broker, BrokerStatus status, Pass pass) {
        KReference ref = configRef(broker);
        if (!"ConfigMap".equals(ref.getKind()) || !"v1".equals(ref.getApiVersion())) {
            status.markConfigNotParsed(
                    "UnsupportedConfig",
                    "spec.config must refer to a v1 ConfigMap, got " + ref.getKind() + " (" + ref.getApiVersion()
                            + ")");
            return;
        }
        String namespace = configNamespace(broker, ref);
        ConfigMap configMap = client.configMaps()
                .inNamespace(namespace)
                .withName(ref.getName())
                .get();
        if (configMap == null) {
            status.markConfigNotParsed(
                    "ConfigMapNotFound",
                    "The ConfigMap \"" + namespace + "/" + ref.getName() + "\" of spec.config does not exist");
            pass.requeueWithin(settings.waitingRetryInterval());
            return;
        }
        KafkaBrokerConfig.Parsed parsed = KafkaBrokerConfig.fromMap(
                configMap.getData(), settings.defaultBootstrapServers().orElse(null));
        if (parsed.config().isEmpty()) {
            status.markConfigNotParsed(
                    "InvalidConfig",
                    "The ConfigMap \"" + namespace + "/" + ref.getName() + "\" is invalid: " + parsed.message());
            pass.requeueWithin(settings.waitingRetryInterval());
            return;
        }
        status.markConfigParsed();
        pass.config = parsed.config().get();
    }

    private void reconcileTopic(Broker broker, BrokerStatus status, Pass pass) {
        String external = externalTopic(broker);
        String servers = pass.config.bootstrapServers();
        try {
            if (external != null) {
                if (!kafka.topicExists(servers, external)) {
                    status.markTopicFailed(
                            "TopicNotPresent",
                            "The external topic \"" + external + "\" does not exist on Kafka at " + servers);
                    pass.requeueWithin(settings.waitingRetryInterval());
                    return;
                }
                pass.topic = external;
            } else {
                String topic = topicOf(broker);
                kafka.ensureTopic(pass.config, topic);
                pass.topic = topic;
            }
            status.markTopicReady();
        } catch (KafkaUnavailableException e) {
            LOG.warnf("Broker %s: %s", key(broker), e.getMessage());
            status.markTopicFailed("KafkaUnavailable", e.getMessage());
            pass.transientFailure = true;
        }
    }

    /** The consumer groups of deleted Triggers, once their members are gone. */
    private void deleteOrphanGroups(Broker broker, Pass pass) {
        Set<String> groups = orphanGroups.get(broker.getMetadata().getUid());
        if (groups == null || groups.isEmpty()) {
            return;
        }
        try {
            List<String> busy = kafka.deleteConsumerGroups(pass.config.bootstrapServers(), Set.copyOf(groups));
            groups.retainAll(busy);
            if (!busy.isEmpty()) {
                pass.requeueWithin(settings.waitingRetryInterval());
            }
        } catch (KafkaUnavailableException e) {
            LOG.warnf("Broker %s: %s", key(broker), e.getMessage());
            pass.transientFailure = true;
        }
    }

    private void reconcileDeadLetterSink(Broker broker, BrokerStatus status, Pass pass) {
        DeliverySpec delivery =
                broker.getSpec() == null ? null : broker.getSpec().getDelivery();
        if (delivery == null || delivery.getDeadLetterSink() == null) {
            status.markDeadLetterSinkNotConfigured();
        } else {
            Resolution resolution = resolver.resolve(
                    delivery.getDeadLetterSink(), broker.getMetadata().getNamespace());
            if (resolution instanceof Resolution.Resolved resolved) {
                status.markDeadLetterSinkResolved(resolved.address());
                pass.deadLetter = resolved.url();
            } else {
                Resolution.Unresolvable failure = (Resolution.Unresolvable) resolution;
                status.markDeadLetterSinkResolvedFailed(
                        failure.reason(), "Dead letter sink of spec.delivery: " + failure.message());
                pass.requeueWithin(settings.waitingRetryInterval());
            }
        }
        EgressConfigs.Result egress = EgressConfigs.from(delivery, pass.deadLetter);
        if (egress.config().isEmpty()) {
            status.markConfigNotParsed("InvalidDelivery", "spec.delivery is invalid: " + egress.message());
            return;
        }
        pass.egressConfig = egress.config().get();
    }

    private void reconcileContract(Broker broker, BrokerStatus status, Pass pass) {
        BrokerEntry entry = new BrokerEntry(
                broker.getMetadata().getUid(),
                broker.getMetadata().getNamespace(),
                broker.getMetadata().getName(),
                pass.topic,
                pass.config.bootstrapServers(),
                pass.egressConfig);
        try {
            contract.putBroker(entry);
            status.markConfigMapUpdated();
            pass.inContract = true;
        } catch (KubernetesClientException e) {
            LOG.warnf("Broker %s: cannot write the contract: %s", key(broker), e.getMessage());
            status.markConfigMapFailed(
                    "ContractNotWritten",
                    "Cannot write the contract ConfigMap " + settings.systemNamespace() + "/"
                            + settings.contractConfigMap() + ": " + e.getMessage());
            pass.transientFailure = true;
        }
    }

    private void reconcileAddress(Broker broker, BrokerStatus status, Pass pass) {
        if (!pass.inContract && contract.broker(broker.getMetadata().getUid()).isEmpty()) {
            status.markAddress(null);
            return;
        }
        String url = "http://" + settings.receiverHost()
                + ContractBuilder.path(
                        broker.getMetadata().getNamespace(),
                        broker.getMetadata().getName());
        status.markAddress(new Addressable().setName("http").setUrl(url));
    }

    private void reconcileDataPlane(Broker broker, BrokerStatus status, Pass pass) {
        ReceiverProbe.Result result = probe.probe(ContractBuilder.path(
                broker.getMetadata().getNamespace(), broker.getMetadata().getName()));
        if (result instanceof ReceiverProbe.Result.NoEndpoints none) {
            status.markDataPlaneNotAvailable("NoReceiverEndpoints", none.message());
            status.markProbeUnknown("NoReceiverEndpoints", none.message());
            pass.requeueWithin(settings.waitingRetryInterval());
            return;
        }
        status.markDataPlaneAvailable();
        if (result instanceof ReceiverProbe.Result.Failed failed) {
            status.markProbeUnknown("ProbeFailed", failed.message());
            pass.requeueWithin(settings.waitingRetryInterval());
        } else {
            status.markProbeSucceeded();
        }
    }

    // ------------------------------------------------------------------ deletion

    @Override
    public DeleteControl cleanup(Broker broker, Context<Broker> context) {
        String uid = broker.getMetadata().getUid();
        Optional<BrokerEntry> entry = contract.broker(uid);
        Set<String> groups = consumerGroups(context.getClient(), broker, uid);
        contract.removeBroker(uid);

        String servers = entry.map(BrokerEntry::bootstrapServers).orElseGet(() -> bootstrapServers(context, broker));
        if (servers == null) {
            LOG.infof("Broker %s: no Kafka cluster known, nothing to delete on Kafka", key(broker));
            return DeleteControl.defaultDelete();
        }
        try {
            var busy = kafka.deleteConsumerGroups(servers, groups);
            if (!busy.isEmpty()) {
                LOG.infof("Broker %s: consumer groups %s still have members; retrying", key(broker), busy);
                return DeleteControl.noFinalizerRemoval()
                        .rescheduleAfter(settings.waitingRetryInterval().toMillis());
            }
            if (externalTopic(broker) == null) {
                kafka.deleteTopic(servers, topicOf(broker));
            }
        } catch (KafkaUnavailableException e) {
            Duration delay = backoff.failed(uid);
            LOG.warnf("Broker %s: %s; retrying in %s", key(broker), e.getMessage(), delay);
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(delay.toMillis());
        }
        backoff.succeeded(uid);
        return DeleteControl.defaultDelete();
    }

    /** The consumer groups of the Broker's Triggers: those in the contract and those that exist now. */
    private Set<String> consumerGroups(KubernetesClient client, Broker broker, String uid) {
        Set<String> groups = new TreeSet<>();
        contract.triggersOf(uid).forEach(t -> groups.add(t.consumerGroup()));
        Set<String> orphans = orphanGroups.remove(uid);
        if (orphans != null) {
            groups.addAll(orphans);
        }
        String namespace = broker.getMetadata().getNamespace();
        String name = broker.getMetadata().getName();
        client.resources(Trigger.class).inNamespace(namespace).list().getItems().stream()
                .filter(t -> name.equals(t.brokerName()))
                .forEach(t -> groups.add(KafkaNames.triggerConsumerGroup(
                        namespace, t.getMetadata().getName())));
        return groups;
    }

    private String bootstrapServers(Context<Broker> context, Broker broker) {
        KReference ref = configRef(broker);
        ConfigMap configMap = context.getClient()
                .configMaps()
                .inNamespace(configNamespace(broker, ref))
                .withName(ref.getName())
                .get();
        if (configMap == null) {
            return null;
        }
        return KafkaBrokerConfig.fromMap(
                        configMap.getData(), settings.defaultBootstrapServers().orElse(null))
                .config()
                .map(KafkaBrokerConfig::bootstrapServers)
                .orElse(null);
    }

    // ------------------------------------------------------------------ helpers

    /** {@code spec.config}, or the controller's default ConfigMap in the system namespace. */
    private KReference configRef(Broker broker) {
        KReference ref = broker.getSpec() == null ? null : broker.getSpec().getConfig();
        if (ref != null) {
            return ref;
        }
        return new KReference()
                .setApiVersion("v1")
                .setKind("ConfigMap")
                .setName(settings.defaultBrokerConfigMap())
                .setNamespace(settings.systemNamespace());
    }

    private static String configNamespace(Broker broker, KReference ref) {
        return ref.getNamespace() == null || ref.getNamespace().isEmpty()
                ? broker.getMetadata().getNamespace()
                : ref.getNamespace();
    }

    private static String externalTopic(Broker broker) {
        Map<String, String> annotations = broker.getMetadata().getAnnotations();
        String topic = annotations == null ? null : annotations.get(Knative.KAFKA_EXTERNAL_TOPIC_ANNOTATION);
        return topic == null || topic.isBlank() ? null : topic.trim();
    }

    private static String topicOf(Broker broker) {
        String external = externalTopic(broker);
        return external != null
                ? external
                : KafkaNames.brokerTopic(
                        broker.getMetadata().getNamespace(),
                        broker.getMetadata().getName());
    }

    private static String key(Broker broker) {
        return broker.getMetadata().getNamespace() + "/" + broker.getMetadata().getName();
    }
}
