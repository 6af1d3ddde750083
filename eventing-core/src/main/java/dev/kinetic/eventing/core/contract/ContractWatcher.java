package dev.kinetic.eventing.core.contract;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the contract ConfigMap through the Kubernetes API (a change reaches the data plane in well under a
 * second, where a mounted ConfigMap file can take a minute) and applies each new generation to a {@link
 * ContractListener} by diff, so only what changed is started, restarted or stopped.
 *
 * <p>A document whose generation is not above the applied one is skipped. A document that cannot be read is logged
 * and skipped, keeping the last good contract (nothing running stops because of a bad write). Deleting the ConfigMap
 * applies the empty contract. Listener calls come one at a time from the informer's thread; an exception from one
 * call is logged and does not stop the others.
 */
public final class ContractWatcher implements AutoCloseable {
    private static final Logger LOG = System.getLogger(ContractWatcher.class.getName());

    private final ContractListener listener;
    private final SharedIndexInformer<ConfigMap> informer;
    private final AtomicLong appliedGeneration = new AtomicLong();
    private final AtomicLong rejectedDocuments = new AtomicLong();
    private volatile Contract applied = Contract.EMPTY;

    private ContractWatcher(KubernetesClient client, String namespace, String name, ContractListener listener) {
        this.listener = new IsolatingListener(listener);
        this.informer =
                client.configMaps().inNamespace(namespace).withName(name).inform(new Handler(), 0);
    }

    /**
     * Starts watching; returns once the informer has listed the ConfigMap (or found it absent) and applied what it
     * found.
     *
     * @param client the Kubernetes client
     * @param namespace the ConfigMap's namespace (the system namespace)
     * @param name the ConfigMap's name, e.g. {@code kafka-broker-brokers-triggers}
     * @param listener what the data plane does on each change
     */
    public static ContractWatcher start(
            KubernetesClient client, String namespace, String name, ContractListener listener) {
        return new ContractWatcher(client, namespace, name, listener);
    }

    /** The generation of the contract last applied, 0 before any. */
    public long appliedGeneration() {
        return appliedGeneration.get();
    }

    /** The contract last applied. */
    public Contract applied() {
        return applied;
    }

    /** How many documents could not be read and were skipped. */
    public long rejectedDocuments() {
        return rejectedDocuments.get();
    }

    /** Whether the informer has listed the ConfigMap (a readiness check). */
    public boolean synced() {
        return informer.hasSynced();
    }

    @Override
    public void close() {
        informer.close();
    }

    private synchronized void apply(ConfigMap configMap) {
        Map<String, String> data = configMap == null ? null : configMap.getData();
        String document = data == null ? null : data.get(ContractJson.DATA_KEY);
        Contract next;
        if (configMap == null) {
            next = Contract.EMPTY;
        } else if (document == null || document.isBlank()) {
            LOG.log(
                    Level.WARNING,
                    "contract ConfigMap {0} has no key {1}: keeping generation {2}",
                    name(configMap),
                    ContractJson.DATA_KEY,
                    appliedGeneration.get());
            rejectedDocuments.incrementAndGet();
            return;
        } else {
            try {
                next = ContractJson.read(document);
            } catch (IllegalArgumentException e) {
                LOG.log(
                        Level.WARNING,
                        "contract ConfigMap {0}: {1}; keeping generation {2}",
                        name(configMap),
                        e.getMessage(),
                        appliedGeneration.get());
                rejectedDocuments.incrementAndGet();
                return;
            }
            if (next.generation() <= appliedGeneration.get()) {
                return;
            }
        }
        ContractDiff diff = ContractDiff.between(applied, next);
        diff.applyTo(listener);
        applied = next;
        appliedGeneration.set(next.generation());
        LOG.log(
                Level.INFO,
                "applied contract generation {0}: {1} resource(s), {2} change(s)",
                next.generation(),
                next.resources().size(),
                changes(diff));
    }

    private static int changes(ContractDiff diff) {
        return diff.addedResources().size()
                + diff.updatedResources().size()
                + diff.removedResources().size()
                + diff.addedEgresses().size()
                + diff.updatedEgresses().size()
                + diff.removedEgresses().size();
    }

    private static String name(ConfigMap configMap) {
        return configMap.getMetadata().getNamespace() + "/"
                + configMap.getMetadata().getName();
    }

    private final class Handler implements ResourceEventHandler<ConfigMap> {
        @Override
        public void onAdd(ConfigMap configMap) {
            apply(configMap);
        }

        @Override
        public void onUpdate(ConfigMap previous, ConfigMap configMap) {
            apply(configMap);
        }

        @Override
        public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
            apply(null);
        }
    }

    /** Logs and contains a listener's exception, so one bad change cannot block the others. */
    private record IsolatingListener(ContractListener delegate) implements ContractListener {
        @Override
        public void onResourceAdded(Resource resource) {
            guard(() -> delegate.onResourceAdded(resource), "adding resource", resource.uid());
        }

        @Override
        public void onResourceUpdated(Resource previous, Resource resource) {
            guard(() -> delegate.onResourceUpdated(previous, resource), "updating resource", resource.uid());
        }

        @Override
        public void onResourceRemoved(Resource resource) {
            guard(() -> delegate.onResourceRemoved(resource), "removing resource", resource.uid());
        }

        @Override
        public void onEgressAdded(Resource resource, Egress egress) {
            guard(() -> delegate.onEgressAdded(resource, egress), "adding egress", egress.uid());
        }

        @Override
        public void onEgressUpdated(Resource resource, Egress previous, Egress egress) {
            guard(() -> delegate.onEgressUpdated(resource, previous, egress), "updating egress", egress.uid());
        }

        @Override
        public void onEgressRemoved(Resource resource, Egress egress) {
            guard(() -> delegate.onEgressRemoved(resource, egress), "removing egress", egress.uid());
        }

        private static void guard(Runnable call, String what, String uid) {
            try {
                call.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "failed " + what + " " + uid, e);
            }
        }
    }
}
