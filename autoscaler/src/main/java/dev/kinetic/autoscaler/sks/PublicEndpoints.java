package dev.kinetic.autoscaler.sks;

import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.autoscaler.kube.Endpoints;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The EndpointSlice of a revision's public Service, as its ServerlessService's mode says (Knative
 * {@code pkg/reconciler/serverlessservice}): in Serve mode the revision's ready pods (from the private Service's
 * slices), in Proxy mode a subset of the ready activators. The mode is forced the other way when what it asks for
 * does not exist: Serve with no ready pod goes through the activators, and Proxy with no activator goes straight to
 * the pods, so a request always has somewhere to go. Pure.
 */
public final class PublicEndpoints {
    private PublicEndpoints() {}

    /** Label through which Kubernetes ties an EndpointSlice to its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "kinetic-autoscaler";
    /** The public Service's ports (targets of its {@code http} 80 and {@code http2} 81), on a pod and on an activator. */
    public static final int HTTP_PORT = 8012;

    public static final int H2C_PORT = 8013;

    /**
     * The slice to write and what it means.
     *
     * @param slice the desired EndpointSlice
     * @param activatorsInPath whether the slice lists activators
     * @param readyEndpoints how many endpoints it lists
     */
    public record Result(EndpointSlice slice, boolean activatorsInPath, int readyEndpoints) {}

    /**
     * @param sks the ServerlessService (its name is the revision's and the public Service's)
     * @param privateSlices the slices of the revision's private Service
     * @param activatorSlices the slices of the activator Service
     */
    public static Result make(
            ServerlessService sks, Collection<EndpointSlice> privateSlices, Collection<EndpointSlice> activatorSlices) {
        List<Endpoint> pods = readyEndpoints(privateSlices);
        List<Endpoint> activators = readyEndpoints(activatorSlices);
        boolean proxy = ServerlessServiceSpec.MODE_PROXY.equals(sks.getSpec().getMode());
        boolean useActivators = proxy ? !activators.isEmpty() : pods.isEmpty() && !activators.isEmpty();
        List<Endpoint> chosen = useActivators ? subset(sks, activators) : pods;
        String name = sks.getMetadata().getName();
        Map<String, String> labels = new TreeMap<>();
        if (sks.getMetadata().getLabels() != null) {
            labels.putAll(sks.getMetadata().getLabels());
        }
        labels.put(SERVICE_NAME_LABEL, name);
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        EndpointSlice slice = new EndpointSliceBuilder()
                .withMetadata(new ObjectMetaBuilder()
                        .withName(name)
                        .withNamespace(sks.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withOwnerReferences(new OwnerReferenceBuilder()
                                .withApiVersion(sks.getApiVersion())
                                .withKind(sks.getKind())
                                .withName(name)
                                .withUid(sks.getMetadata().getUid())
                                .withController(true)
                                .withBlockOwnerDeletion(true)
                                .build())
                        .build())
                .withAddressType("IPv4")
                .withEndpoints(chosen)
                .withPorts(ports())
                .build();
        return new Result(slice, useActivators, chosen.size());
    }

    private static List<Endpoint> subset(ServerlessService sks, List<Endpoint> activators) {
        Map<String, Endpoint> byAddress = new LinkedHashMap<>();
        activators.forEach(e -> byAddress.put(e.getAddresses().get(0), e));
        Integer n = sks.getSpec().getNumActivators();
        String key = sks.getMetadata().getNamespace() + "/" + sks.getMetadata().getName();
        List<Endpoint> chosen = new ArrayList<>();
        for (String address : ActivatorSubset.choose(List.copyOf(byAddress.keySet()), key, n == null ? 0 : n)) {
            chosen.add(byAddress.get(address));
        }
        return chosen;
    }

    /** One endpoint per ready address, sorted by address so an unchanged set gives an identical slice. */
    static List<Endpoint> readyEndpoints(Collection<EndpointSlice> slices) {
        Map<String, Endpoint> byAddress = new TreeMap<>();
        for (EndpointSlice slice : slices) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                if (!Endpoints.takesTraffic(e)) {
                    continue;
                }
                for (String address : e.getAddresses()) {
                    byAddress.putIfAbsent(address, endpoint(address, e.getTargetRef(), e.getNodeName()));
                }
            }
        }
        return new ArrayList<>(byAddress.values());
    }

    private static Endpoint endpoint(String address, ObjectReference targetRef, String nodeName) {
        return new EndpointBuilder()
                .withAddresses(address)
                .withNewConditions()
                .withReady(true)
                .withServing(true)
                .withTerminating(false)
                .endConditions()
                .withTargetRef(targetRef)
                .withNodeName(nodeName)
                .build();
    }

    private static List<EndpointPort> ports() {
        return List.of(
                new EndpointPortBuilder()
                        .withName("http")
                        .withPort(HTTP_PORT)
                        .withProtocol("TCP")
                        .build(),
                new EndpointPortBuilder()
                        .withName("http2")
                        .withPort(H2C_PORT)
                        .withProtocol("TCP")
                        .withAppProtocol("kubernetes.io/h2c")
                        .build());
    }
}
