package dev.kinetic.testsupport.gateway;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where a backend's requests go, as kube-proxy would send them: the Service port a {@code backendRef} names, then
 * the ready endpoints of the Service's EndpointSlices on the slice port of the same name.
 */
final class Backends {
    /** The label tying an EndpointSlice to its Service. */
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private Backends() {}

    /** One address requests can be sent to. */
    record Target(String host, int port) implements Comparable<Target> {
        @Override
        public int compareTo(Target o) {
            int byHost = host.compareTo(o.host);
            return byHost != 0 ? byHost : Integer.compare(port, o.port);
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /** The port of {@code service} numbered {@code port}; with no number, its only port. */
    static Optional<ServicePort> servicePort(Service service, Integer port) {
        List<ServicePort> ports = service.getSpec() == null || service.getSpec().getPorts() == null
                ? List.of()
                : service.getSpec().getPorts();
        if (port == null) {
            return ports.size() == 1 ? Optional.of(ports.get(0)) : Optional.empty();
        }
        return ports.stream().filter(p -> port.equals(p.getPort())).findFirst();
    }

    /**
     * The ready endpoints of {@code slices} (ready unset counts as ready, as the API says) on the slice port named
     * like {@code port}, without duplicates, in a stable order for round-robin.
     */
    static List<Target> readyTargets(ServicePort port, Collection<EndpointSlice> slices) {
        TreeSet<Target> targets = new TreeSet<>();
        for (EndpointSlice slice : slices) {
            Optional<Integer> number = slicePort(slice, port.getName());
            if (number.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                boolean ready = e.getConditions() == null
                        || !Boolean.FALSE.equals(e.getConditions().getReady());
                if (ready && e.getAddresses() != null && !e.getAddresses().isEmpty()) {
                    targets.add(new Target(e.getAddresses().get(0), number.get()));
                }
            }
        }
        return List.copyOf(targets);
    }

    private static Optional<Integer> slicePort(EndpointSlice slice, String name) {
        if (slice.getPorts() == null) {
            return Optional.empty();
        }
        String wanted = name == null ? "" : name;
        return slice.getPorts().stream()
                .filter(p -> wanted.equals(p.getName() == null ? "" : p.getName()))
                .map(EndpointPort::getPort)
                .filter(Objects::nonNull)
                .findFirst();
    }
}
