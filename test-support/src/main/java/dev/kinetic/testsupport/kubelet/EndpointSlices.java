package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The EndpointSlice the Kubernetes EndpointSlice controller would keep for a Service with a selector: one per Service
 * here (named {@code <service>-kubelet}), one endpoint per selected pod, the Service's ports with their target port
 * numbers. A terminating pod stays listed, not ready and not serving, with {@code terminating: true}, as Kubernetes
 * lists it while it drains.
 */
final class EndpointSlices {
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    /** The real controller's name, so consumers that look at it see what they would in a cluster. */
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";

    static final String NAME_SUFFIX = "-kubelet";

    private EndpointSlices() {}

    /** Whether the kubelet keeps slices for {@code service}: only Services with a selector have them made. */
    static boolean managed(Service service) {
        return service.getSpec() != null
                && service.getSpec().getSelector() != null
                && !service.getSpec().getSelector().isEmpty();
    }

    /** Whether {@code service}'s (equality) selector selects a pod with {@code labels}. */
    static boolean selects(Service service, Map<String, String> labels) {
        if (!managed(service) || labels == null) {
            return false;
        }
        return service.getSpec().getSelector().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    static String name(String service) {
        return service + NAME_SUFFIX;
    }

    /**
     * The slice for {@code service}, listing those of {@code pods} it selects, in name order.
     *
     * @param nodeName the node every pod runs on
     */
    static EndpointSlice of(Service service, List<PodView> pods, String nodeName) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        List<PodView> selected = pods.stream()
                .filter(p -> namespace.equals(p.namespace()) && selects(service, p.labels()))
                .sorted(Comparator.comparing(PodView::name))
                .toList();
        List<Endpoint> endpoints = new ArrayList<>();
        for (PodView pod : selected) {
            boolean ready = pod.ready() && !pod.terminating();
            endpoints.add(new EndpointBuilder()
                    .withAddresses(pod.ip())
                    .withNewConditions()
                    .withReady(ready)
                    .withServing(ready)
                    .withTerminating(pod.terminating())
                    .endConditions()
                    .withNodeName(nodeName)
                    .withTargetRef(new ObjectReferenceBuilder()
                            .withKind("Pod")
                            .withNamespace(namespace)
                            .withName(pod.name())
                            .withUid(pod.uid())
                            .build())
                    .build());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SERVICE_NAME_LABEL, name);
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name(name))
                .withNamespace(namespace)
                .withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder()
                        .withApiVersion("v1")
                        .withKind("Service")
                        .withName(name)
                        .withUid(service.getMetadata().getUid())
                        .withController(true)
                        .withBlockOwnerDeletion(true)
                        .build())
                .endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(endpoints)
                .withPorts(ports(
                        service, selected.isEmpty() ? null : selected.get(0).spec()))
                .build();
    }

    /**
     * The Service's ports as the slice lists them: the Service port's name and protocol with the number the pods
     * listen on. A named target port is looked up in the first selected pod's containers (pods of one Service are
     * expected to agree); one no container names is left out, as Kubernetes leaves out what it cannot resolve.
     */
    private static List<EndpointPort> ports(Service service, PodSpec pod) {
        List<EndpointPort> ports = new ArrayList<>();
        if (service.getSpec().getPorts() == null) {
            return ports;
        }
        for (ServicePort sp : service.getSpec().getPorts()) {
            Integer number = targetPort(sp, pod);
            if (number == null) {
                continue;
            }
            ports.add(new EndpointPortBuilder()
                    .withName(sp.getName() == null ? "" : sp.getName())
                    .withPort(number)
                    .withProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol())
                    .withAppProtocol(sp.getAppProtocol())
                    .build());
        }
        return ports;
    }

    private static Integer targetPort(ServicePort sp, PodSpec pod) {
        IntOrString target = sp.getTargetPort();
        if (target == null || (target.getIntVal() == null && target.getStrVal() == null)) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        if (pod == null || pod.getContainers() == null) {
            return null;
        }
        for (Container c : pod.getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (target.getStrVal().equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        return null;
    }
}
