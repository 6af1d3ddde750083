package dev.kinetic.activator.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.activator.revision.RevisionKey;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSliceAddressesTest {

    record Row(String name, EndpointSlice slice, Set<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> readyAddresses() {
        return Stream.of(
                new Row(
                        "ready endpoint on the http port",
                        slice(ports(port("http", 8012)), endpoint(true, "10.0.0.1")),
                        Set.of("10.0.0.1:8012")),
                new Row(
                        "h2c revision: the http2 port",
                        slice(ports(port("http2", 8013)), endpoint(true, "10.0.0.1")),
                        Set.of("10.0.0.1:8013")),
                new Row(
                        "named serving port wins over the first",
                        slice(ports(port("queue-metrics", 9090), port("http", 8012)), endpoint(true, "10.0.0.1")),
                        Set.of("10.0.0.1:8012")),
                new Row(
                        "unnamed port: the first one",
                        slice(ports(port(null, 8080), port("metrics", 9090)), endpoint(true, "10.0.0.1")),
                        Set.of("10.0.0.1:8080")),
                new Row(
                        "ready unset counts as ready",
                        slice(ports(port("http", 8012)), endpoint(null, "10.0.0.1")),
                        Set.of("10.0.0.1:8012")),
                new Row(
                        "no conditions at all counts as ready",
                        slice(
                                ports(port("http", 8012)),
                                new EndpointBuilder().withAddresses("10.0.0.9").build()),
                        Set.of("10.0.0.9:8012")),
                new Row(
                        "not ready is left out",
                        slice(ports(port("http", 8012)), endpoint(false, "10.0.0.1"), endpoint(true, "10.0.0.2")),
                        Set.of("10.0.0.2:8012")),
                new Row(
                        "several endpoints and addresses",
                        slice(
                                ports(port("http", 8012)),
                                endpoint(true, "10.0.0.1", "10.0.0.3"),
                                endpoint(true, "10.0.0.2")),
                        Set.of("10.0.0.1:8012", "10.0.0.2:8012", "10.0.0.3:8012")),
                new Row(
                        "ipv6 is bracketed",
                        slice(ports(port("http", 8012)), endpoint(true, "fd00::1")),
                        Set.of("[fd00::1]:8012")),
                new Row("no ports: nothing usable", slice(ports(), endpoint(true, "10.0.0.1")), Set.of()),
                new Row("no endpoints", slice(ports(port("http", 8012))), Set.of()),
                new Row(
                        "blank address skipped",
                        slice(ports(port("http", 8012)), endpoint(true, " ", "10.0.0.4")),
                        Set.of("10.0.0.4:8012")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readyAddresses")
    void readyAddresses(Row row) {
        assertThat(EndpointSliceAddresses.readyAddresses(row.slice()))
                .extracting(PodAddress::toString)
                .containsExactlyInAnyOrderElementsOf(row.expected());
    }

    record Owner(String name, String serviceLabel, RevisionKey expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Owner> owners() {
        return Stream.of(
                new Owner("private service of a revision", "hello-00001-private", new RevisionKey("ns", "hello-00001")),
                new Owner("public service is not ours", "hello-00001", null),
                new Owner("no service label", null, null),
                new Owner("just the suffix", "-private", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("owners")
    void revisionOf(Owner row) {
        EndpointSliceBuilder b = new EndpointSliceBuilder()
                .withNewMetadata()
                .withNamespace("ns")
                .withName("s")
                .endMetadata()
                .withAddressType("IPv4");
        if (row.serviceLabel() != null) {
            b.editMetadata()
                    .addToLabels(EndpointSliceAddresses.SERVICE_NAME_LABEL, row.serviceLabel())
                    .endMetadata();
        }
        assertThat(EndpointSliceAddresses.revisionOf(b.build())).isEqualTo(Optional.ofNullable(row.expected()));
    }

    @Test
    void podAddressesRoundTrip() {
        for (String a : List.of("10.0.0.1:8012", "[fd00::1]:8013", "127.0.0.2:40000")) {
            assertThat(PodAddress.parse(a).toString()).isEqualTo(a);
        }
        assertThat(PodAddress.parse("[fd00::1]:8013").ip()).isEqualTo("fd00::1");
    }

    static EndpointSlice slice(List<EndpointPort> ports, Endpoint... endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withNamespace("ns")
                .withName("hello-00001-private-abcde")
                .addToLabels(EndpointSliceAddresses.SERVICE_NAME_LABEL, "hello-00001-private")
                .endMetadata()
                .withAddressType("IPv4")
                .withPorts(ports)
                .withEndpoints(endpoints)
                .build();
    }

    static List<EndpointPort> ports(EndpointPort... ports) {
        return new ArrayList<>(List.of(ports));
    }

    static EndpointPort port(String name, int number) {
        EndpointPort p = new EndpointPort();
        p.setName(name);
        p.setPort(number);
        p.setProtocol("TCP");
        return p;
    }

    static Endpoint endpoint(Boolean ready, String... ips) {
        return new EndpointBuilder()
                .withAddresses(ips)
                .withNewConditions()
                .withReady(ready)
                .endConditions()
                .build();
    }
}
