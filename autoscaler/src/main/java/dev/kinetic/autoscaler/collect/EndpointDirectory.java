package dev.kinetic.autoscaler.collect;

import dev.kinetic.autoscaler.kube.Endpoints;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * The ready addresses behind every Service, from its EndpointSlices (one informer for the whole cluster): the pods
 * of a revision's private Service are what the autoscaler scrapes and counts as ready. Listeners hear which Service
 * changed.
 */
@ApplicationScoped
public class EndpointDirectory {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    @Inject
    KubernetesClient client;

    /** namespace/service → slice name → its ready addresses. */
    private final Map<String, Map<String, List<String>>> ready = new ConcurrentHashMap<>();

    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    private SharedIndexInformer<EndpointSlice> informer;

    void start(@Observes StartupEvent event) {
        informer = client.discovery().v1().endpointSlices().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(EndpointSlice slice) {
                put(slice);
            }

            @Override
            public void onUpdate(EndpointSlice before, EndpointSlice after) {
                put(after);
            }

            @Override
            public void onDelete(EndpointSlice slice, boolean unknownFinalState) {
                remove(slice);
            }
        });
    }

    void stop(@Observes ShutdownEvent event) {
        if (informer != null) {
            informer.close();
        }
    }

    /** Called with (namespace, service) whenever that Service's ready addresses may have changed. */
    public void addListener(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    /** The Service's ready addresses, sorted. */
    public List<String> readyAddresses(String namespace, String service) {
        Map<String, List<String>> slices = ready.get(namespace + "/" + service);
        if (slices == null) {
            return List.of();
        }
        TreeSet<String> all = new TreeSet<>();
        slices.values().forEach(all::addAll);
        return List.copyOf(all);
    }

    void put(EndpointSlice slice) {
        String service = service(slice);
        if (service == null) {
            return;
        }
        String key = slice.getMetadata().getNamespace() + "/" + service;
        ready.computeIfAbsent(key, k -> new ConcurrentHashMap<>())
                .put(slice.getMetadata().getName(), readyAddresses(slice));
        notify(slice.getMetadata().getNamespace(), service);
    }

    void remove(EndpointSlice slice) {
        String service = service(slice);
        if (service == null) {
            return;
        }
        String key = slice.getMetadata().getNamespace() + "/" + service;
        ready.computeIfPresent(key, (k, slices) -> {
            slices.remove(slice.getMetadata().getName());
            return slices.isEmpty() ? null : slices;
        });
        notify(slice.getMetadata().getNamespace(), service);
    }

    private void notify(String namespace, String service) {
        listeners.forEach(l -> l.accept(namespace, service));
    }

    private static String service(EndpointSlice slice) {
        return slice.getMetadata().getLabels() == null
                ? null
                : slice.getMetadata().getLabels().get(SERVICE_NAME_LABEL);
    }

    private static List<String> readyAddresses(EndpointSlice slice) {
        if (slice.getEndpoints() == null) {
            return List.of();
        }
        TreeSet<String> out = new TreeSet<>();
        for (Endpoint e : slice.getEndpoints()) {
            if (Endpoints.takesTraffic(e)) {
                out.addAll(e.getAddresses());
            }
        }
        return List.copyOf(out);
    }
}
