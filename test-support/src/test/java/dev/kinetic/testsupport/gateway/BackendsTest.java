package dev.kinetic.testsupport.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.testsupport.gateway.Backends.Target;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {
    private static final Service SERVICE = TestGatewayTest.service("ns", "rev");

    @Test
    void theBackendsPortNumberPicksTheServicePort() {
        assertThat(Backends.servicePort(SERVICE, 81)).map(ServicePort::getName).contains("http2");
        assertThat(Backends.servicePort(SERVICE, 82)).isEmpty();
        assertThat(Backends.servicePort(SERVICE, null)).as("ambiguous").isEmpty();
        Service single = new ServiceBuilder()
                .withNewSpec()
                .addNewPort()
                .withPort(8080)
                .endPort()
                .endSpec()
                .build();
        assertThat(Backends.servicePort(single, null)).map(ServicePort::getPort).contains(8080);
    }

    @Test
    void readyEndpointsOnTheSlicePortOfTheSameName() {
        EndpointSlice pods = slice("http", 8012, "127.0.1.2", true, "127.0.1.1", null, "127.0.1.3", false);
        EndpointSlice activator = slice("http", 8080, "127.0.2.1", true);
        EndpointSlice otherPortOnly = slice("http2", 8013, "127.0.3.1", true);
        ServicePort http = Backends.servicePort(SERVICE, 80).orElseThrow();

        assertThat(Backends.readyTargets(http, List.of(pods, activator, otherPortOnly, pods)))
                .containsExactly(
                        new Target("127.0.1.1", 8012), new Target("127.0.1.2", 8012), new Target("127.0.2.1", 8080));
    }

    @Test
    void anUnnamedServicePortMatchesAnUnnamedSlicePort() {
        ServicePort unnamed = new ServiceBuilder()
                .withNewSpec()
                .addNewPort()
                .withPort(80)
                .endPort()
                .endSpec()
                .build()
                .getSpec()
                .getPorts()
                .get(0);
        assertThat(Backends.readyTargets(unnamed, List.of(slice("", 9000, "127.0.4.4", true))))
                .containsExactly(new Target("127.0.4.4", 9000));
    }

    /** A slice with one port and the given endpoints: address, ready (null: unset), address, ready, ... */
    private static EndpointSlice slice(String portName, int port, Object... endpoints) {
        EndpointSliceBuilder b = new EndpointSliceBuilder()
                .withAddressType("IPv4")
                .addNewPort()
                .withName(portName)
                .withPort(port)
                .endPort();
        for (int i = 0; i < endpoints.length; i += 2) {
            b.addNewEndpoint()
                    .withAddresses((String) endpoints[i])
                    .withNewConditions()
                    .withReady((Boolean) endpoints[i + 1])
                    .endConditions()
                    .endEndpoint();
        }
        return b.build();
    }
}
