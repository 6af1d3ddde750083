package dev.kinetic.testsupport.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldRefsTest {
    private static final Pod POD = new PodBuilder()
            .withNewMetadata()
            .withName("hello-abc")
            .withNamespace("ns")
            .withUid("uid-1")
            .withLabels(Map.of("app", "hello"))
            .withAnnotations(Map.of("note", "x"))
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-1")
            .withServiceAccountName("sa")
            .endSpec()
            .build();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "metadata.name,hello-abc",
        "metadata.namespace,ns",
        "metadata.uid,uid-1",
        "status.podIP,127.0.3.4",
        "status.hostIP,127.0.0.1",
        "spec.nodeName,node-1",
        "spec.serviceAccountName,sa",
        "metadata.labels['app'],hello",
        "metadata.annotations['note'],x",
        "metadata.labels['missing'],''"
    })
    void resolvesTheDownwardApi(String path, String value) {
        assertThat(FieldRefs.resolve(path, POD, "127.0.3.4", "127.0.0.1")).contains(value);
    }

    @Test
    void plainValuesStayUnknownPathsAndOtherSourcesAreLeftOut() {
        Container c = new ContainerBuilder()
                .addNewEnv()
                .withName("PLAIN")
                .withValue("v")
                .endEnv()
                .addNewEnv()
                .withName("EMPTY")
                .endEnv()
                .addToEnv(new EnvVarBuilder()
                        .withName("IP")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("status.podIP")
                        .endFieldRef()
                        .endValueFrom()
                        .build())
                .addToEnv(new EnvVarBuilder()
                        .withName("ODD")
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("spec.nothing")
                        .endFieldRef()
                        .endValueFrom()
                        .build())
                .addToEnv(new EnvVarBuilder()
                        .withName("FROM_CONFIG")
                        .withValueFrom(new EnvVarSourceBuilder()
                                .withConfigMapKeyRef(new ConfigMapKeySelector("k", "cm", false))
                                .build())
                        .build())
                .build();
        assertThat(FieldRefs.env(c, POD, "127.0.3.4", "127.0.0.1"))
                .containsExactly(Map.entry("PLAIN", "v"), Map.entry("EMPTY", ""), Map.entry("IP", "127.0.3.4"));
    }
}
