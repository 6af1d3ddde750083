package dev.kinetic.eventing.broker.controller.contract;

import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import dev.kinetic.eventing.core.contract.Contract;
import dev.kinetic.eventing.core.contract.ContractJson;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The one writer of the contract ConfigMap ({@code data} key in the system namespace). The reconcilers put and
 * remove their resolved entries; after each change the contract is rebuilt from all entries ({@link
 * ContractBuilder}) and written when its resources differ from the stored ones, with the generation one above the
 * stored document's. Writes are serialized by this object's lock and carry the read resourceVersion, so a concurrent
 * writer makes ours re-read and retry (409).
 *
 * <p>On first use the entries are seeded from the stored contract, keeping only Brokers and Triggers that still
 * exist, so a restarted controller does not withdraw resources from the data plane before it has reconciled them,
 * and an object deleted while it was down does not linger.
 */
@ApplicationScoped
public class ContractWriter {
    private static final Logger LOG = Logger.getLogger(ContractWriter.class);
    private static final int ATTEMPTS = 5;

    private final Map<String, BrokerEntry> brokers = new HashMap<>();
    private final Map<String, TriggerEntry> triggers = new HashMap<>();
    private boolean seeded;
    private long lastGeneration;
    private volatile String lastFailure;

    @Inject
    KubernetesClient client;

    @Inject
    BrokerControllerSettings settings;

    /** The entry of the Broker with {@code uid}, if the contract serves it. */
    public synchronized Optional<BrokerEntry> broker(String uid) {
        seed();
        return Optional.ofNullable(brokers.get(uid));
    }

    /** The entries of the Triggers of the Broker with {@code uid}. */
    public synchronized List<TriggerEntry> triggersOf(String brokerUid) {
        seed();
        return triggers.values().stream()
                .filter(t -> t.brokerUid().equals(brokerUid))
                .toList();
    }

    /** Serves {@code entry} (added or changed) and writes the contract. */
    public synchronized Contract putBroker(BrokerEntry entry) {
        seed();
        brokers.put(entry.uid(), entry);
        return write();
    }

    /** Stops serving the Broker with {@code uid} and its Triggers, and writes the contract. */
    public synchronized Contract removeBroker(String uid) {
        seed();
        brokers.remove(uid);
        triggers.values().removeIf(t -> t.brokerUid().equals(uid));
        return write();
    }

    /** Serves {@code entry} (added or changed) and writes the contract. */
    public synchronized Contract putTrigger(TriggerEntry entry) {
        seed();
        triggers.put(entry.uid(), entry);
        return write();
    }

    /** Stops serving the Trigger with {@code uid} and writes the contract. */
    public synchronized Contract removeTrigger(String uid) {
        seed();
        triggers.remove(uid);
        return write();
    }

    /** The failure of the last write, or null when it succeeded (or none was made yet). */
    public String lastFailure() {
        return lastFailure;
    }

    private void seed() {
        if (seeded) {
            return;
        }
        Contract stored = read().contract();
        Set<String> brokerUids = uids(Broker.class);
        Set<String> triggerUids = uids(Trigger.class);
        ContractBuilder.brokers(stored).stream()
                .filter(b -> brokerUids.contains(b.uid()))
                .forEach(b -> brokers.put(b.uid(), b));
        ContractBuilder.triggers(stored).stream()
                .filter(t -> triggerUids.contains(t.uid()))
                .forEach(t -> triggers.put(t.uid(), t));
        lastGeneration = stored.generation();
        seeded = true;
        LOG.infof(
                "Contract seeded from generation %d: %d brokers, %d triggers",
                stored.generation(), brokers.size(), triggers.size());
    }

    private <T extends HasMetadata> Set<String> uids(Class<T> type) {
        return client.resources(type).inAnyNamespace().list().getItems().stream()
                .map(o -> o.getMetadata().getUid())
                .collect(Collectors.toSet());
    }

    private Contract write() {
        try {
            Contract written = writeWithRetries();
            lastFailure = null;
            return written;
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            throw e;
        }
    }

    private Contract writeWithRetries() {
        KubernetesClientException conflict = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Stored stored = read();
            long generation = Math.max(stored.contract().generation(), lastGeneration) + 1;
            Contract desired = ContractBuilder.build(
                    generation, new ArrayList<>(brokers.values()), new ArrayList<>(triggers.values()));
            if (stored.valid() && desired.resources().equals(stored.contract().resources())) {
                return stored.contract();
            }
            ConfigMap next = stored.configMap() == null
                    ? new ConfigMapBuilder()
                            .withNewMetadata()
                            .withName(settings.contractConfigMap())
                            .withNamespace(settings.systemNamespace())
                            .endMetadata()
                            .build()
                    : new ConfigMapBuilder(stored.configMap()).build();
            next.setData(Map.of(ContractJson.DATA_KEY, ContractJson.write(desired)));
            try {
                if (stored.configMap() == null) {
                    client.resource(next).create();
                } else {
                    client.resource(next).update();
                }
                lastGeneration = generation;
                LOG.debugf("Contract generation %d written", generation);
                return desired;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                conflict = e;
            }
        }
        throw conflict;
    }

    /**
     * The stored ConfigMap and its contract.
     *
     * @param configMap null when there is none
     * @param contract the stored contract, {@link Contract#EMPTY} when absent or unreadable
     * @param valid whether the ConfigMap exists and holds a readable contract
     */
    private record Stored(ConfigMap configMap, Contract contract, boolean valid) {}

    private Stored read() {
        ConfigMap configMap = client.configMaps()
                .inNamespace(settings.systemNamespace())
                .withName(settings.contractConfigMap())
                .get();
        String data = configMap == null || configMap.getData() == null
                ? null
                : configMap.getData().get(ContractJson.DATA_KEY);
        if (data == null) {
            return new Stored(configMap, Contract.EMPTY, false);
        }
        try {
            return new Stored(configMap, ContractJson.read(data), true);
        } catch (IllegalArgumentException e) {
            LOG.warnf("The stored contract is unreadable and will be replaced: %s", e.getMessage());
            return new Stored(configMap, Contract.EMPTY, false);
        }
    }
}
