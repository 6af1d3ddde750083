package dev.kinetic.autoscaler.sks;

import static dev.kinetic.autoscaler.AutoscalerTestServer.endpointSlice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.testsupport.fixtures.ServingFixtures;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public EndpointSlice for each mode, and the forced modes when pods or activators are missing. */
class PublicEndpointsTest {
    record Row(
            String name,
            String mode,
            Integer numActivators,
            List<String> pods,
            List<String> activators,
            List<String> expected,
            boolean viaActivators) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        List<String> pods = List.of("10.0.0.2", "10.0.0.1");
        List<String> acts = List.of("10.1.0.1", "10.1.0.2", "10.1.0.3");
        return Stream.of(
                new Row(
                        "serve lists the ready pods, sorted",
                        ServerlessServiceSpec.MODE_SERVE,
                        null,
                        pods,
                        acts,
                        List.of("10.0.0.1", "10.0.0.2"),
                        false),
                new Row("proxy lists all activators", ServerlessServiceSpec.MODE_PROXY, 0, pods, acts, acts, true),
                new Row(
                        "proxy lists a subset of the activators",
                        ServerlessServiceSpec.MODE_PROXY,
                        2,
                        pods,
                        acts,
                        null,
                        true),
                new Row(
                        "serve with no ready pod goes through the activators",
                        ServerlessServiceSpec.MODE_SERVE,
                        null,
                        List.of(),
                        acts,
                        acts,
                        true),
                new Row(
                        "proxy with no activator goes to the pods",
                        ServerlessServiceSpec.MODE_PROXY,
                        2,
                        pods,
                        List.of(),
                        List.of("10.0.0.1", "10.0.0.2"),
                        false),
                new Row(
                        "nothing anywhere: empty",
                        ServerlessServiceSpec.MODE_PROXY,
                        2,
                        List.of(),
                        List.of(),
                        List.of(),
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void slice(Row row) {
        ServerlessService sks = ServingFixtures.serverlessService("ns", "rev");
        sks.getSpec().setMode(row.mode()).setNumActivators(row.numActivators());
        PublicEndpoints.Result result = PublicEndpoints.make(
                sks,
                List.of(endpointSlice(
                        "ns", "rev-private-x", "rev-private", row.pods().toArray(String[]::new))),
                List.of(endpointSlice(
                        "kinetic-system",
                        "act",
                        "kinetic-activator",
                        row.activators().toArray(String[]::new))));
        List<String> addresses = addresses(result.slice());
        if (row.expected() != null) {
            assertThat(addresses).isEqualTo(row.expected());
        } else {
            assertThat(addresses).hasSize(row.numActivators()).isSubsetOf(row.activators());
        }
        assertThat(result.activatorsInPath()).isEqualTo(row.viaActivators());
        assertThat(result.readyEndpoints()).isEqualTo(addresses.size());
        assertThat(result.slice().getMetadata().getName()).isEqualTo("rev");
        assertThat(result.slice().getMetadata().getLabels())
                .containsEntry(PublicEndpoints.SERVICE_NAME_LABEL, "rev")
                .containsEntry(PublicEndpoints.MANAGED_BY_LABEL, PublicEndpoints.MANAGED_BY);
        assertThat(result.slice().getPorts())
                .extracting(p -> p.getName() + ":" + p.getPort())
                .containsExactly("http:8012", "http2:8013");
    }

    @Test
    void notReadyAndTerminatingEndpointsAreLeftOut() {
        EndpointSlice slice = endpointSlice("ns", "rev-private-x", "rev-private", "10.0.0.1", "10.0.0.2", "10.0.0.3");
        slice.getEndpoints().get(0).getConditions().setReady(false);
        slice.getEndpoints().get(1).getConditions().setTerminating(true);
        ServerlessService sks = ServingFixtures.serverlessService("ns", "rev");
        sks.getSpec().setMode(ServerlessServiceSpec.MODE_SERVE);
        assertThat(addresses(
                        PublicEndpoints.make(sks, List.of(slice), List.of()).slice()))
                .containsExactly("10.0.0.3");
    }

    private static List<String> addresses(EndpointSlice slice) {
        return slice.getEndpoints().stream()
                .map(Endpoint::getAddresses)
                .map(a -> a.get(0))
                .toList();
    }
}
