package dev.kinetic.testsupport.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointSlicesTest {
    private static final PodSpec SPEC = new PodSpecBuilder()
            .withContainers(new ContainerBuilder()
                    .withName("queue-proxy")
                    .addNewPort()
                    .withName("queue-port")
                    .withContainerPort(8012)
                    .endPort()
                    .build())
            .build();

    private static Service service(Map<String, String> selector) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName("hello-00001-private")
                .withNamespace("ns")
                .withUid("svc-uid")
                .endMetadata()
                .withNewSpec()
                .withSelector(selector)
                .addNewPort()
                .withName("http")
                .withPort(80)
                .withTargetPort(new IntOrString("queue-port"))
                .endPort()
                .addNewPort()
                .withName("http-autometric")
                .withPort(9090)
                .withTargetPort(new IntOrString(9090))
                .endPort()
                .addNewPort()
                .withName("no-such-port")
                .withPort(81)
                .withTargetPort(new IntOrString("nope"))
                .endPort()
                .endSpec()
                .build();
    }

    private static PodView pod(String name, String ns, String app, boolean ready, boolean terminating) {
        return new PodView(
                ns, name, name + "-uid", "127.0.1." + name.length(), Map.of("app", app), SPEC, "h", ready, terminating);
    }

    @Test
    void listsTheSelectedPodsOfItsNamespaceWithTheirConditions() {
        List<PodView> pods = List.of(
                pod("b-ready", "ns", "hello", true, false),
                pod("a-stopping", "ns", "hello", true, true),
                pod("c-starting", "ns", "hello", false, false),
                pod("other-app", "ns", "bye", true, false),
                pod("other-ns", "elsewhere", "hello", true, false));
        EndpointSlice slice = EndpointSlices.of(service(Map.of("app", "hello")), pods, "node-1");

        assertThat(slice.getMetadata().getName()).isEqualTo("hello-00001-private-kubelet");
        assertThat(slice.getMetadata().getLabels())
                .containsEntry("kubernetes.io/service-name", "hello-00001-private")
                .containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> assertThat(o.getUid())
                .isEqualTo("svc-uid"));
        assertThat(slice.getEndpoints())
                .extracting(e -> e.getTargetRef().getName())
                .containsExactly("a-stopping", "b-ready", "c-starting");
        assertThat(slice.getEndpoints())
                .extracting(
                        e -> e.getConditions().getReady(),
                        e -> e.getConditions().getServing(),
                        e -> e.getConditions().getTerminating())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(false, false, true),
                        org.assertj.core.groups.Tuple.tuple(true, true, false),
                        org.assertj.core.groups.Tuple.tuple(false, false, false));
        assertThat(slice.getEndpoints().get(1).getNodeName()).isEqualTo("node-1");
    }

    @Test
    void portsCarryTheServicePortNamesAndTheNumbersThePodsListenOn() {
        EndpointSlice slice = EndpointSlices.of(
                service(Map.of("app", "hello")), List.of(pod("p", "ns", "hello", true, false)), "node-1");
        assertThat(slice.getPorts())
                .extracting(EndpointPort::getName, EndpointPort::getPort, EndpointPort::getProtocol)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("http", 8012, "TCP"),
                        org.assertj.core.groups.Tuple.tuple("http-autometric", 9090, "TCP"));
    }

    @Test
    void onlyServicesWithASelectorAreManagedAndSelectorsAreEqualityOnes() {
        assertThat(EndpointSlices.managed(service(Map.of()))).isFalse();
        assertThat(EndpointSlices.managed(service(null))).isFalse();
        Service both = service(Map.of("app", "hello", "tier", "web"));
        assertThat(EndpointSlices.selects(both, Map.of("app", "hello", "tier", "web", "extra", "x")))
                .isTrue();
        assertThat(EndpointSlices.selects(both, Map.of("app", "hello"))).isFalse();
        assertThat(EndpointSlices.selects(both, null)).isFalse();
    }
}
