package dev.kinetic.serving.controller.resources;

import static dev.kinetic.serving.controller.resources.DeploymentsTest.CHILD_LABELS;
import static dev.kinetic.serving.controller.resources.DeploymentsTest.expectedOwner;
import static dev.kinetic.serving.controller.resources.TestRevisions.NAME;
import static dev.kinetic.serving.controller.resources.TestRevisions.revision;
import static dev.kinetic.serving.controller.resources.TestRevisions.withAnnotation;
import static dev.kinetic.serving.controller.resources.TestRevisions.withPort;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.api.Knative;
import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerlessServicesTest {

    @ParameterizedTest(name = "{0}, port named {1}")
    @CsvSource({"Serve, http1, http1", "Proxy, http1, http1", "Proxy, h2c, h2c"})
    void serverlessService(String mode, String portName, String protocol) {
        ServerlessService sks = ServerlessServices.makeServerlessService(
                revision(withPort(portName, 8080), withAnnotation(Knative.MIN_SCALE_ANNOTATION, "1")), mode);

        assertThat(sks.getApiVersion()).isEqualTo("networking.internal.knative.dev/v1alpha1");
        assertThat(sks.getMetadata().getName()).isEqualTo(NAME);
        assertThat(sks.getMetadata().getNamespace()).isEqualTo("default");
        assertThat(sks.getMetadata().getLabels()).isEqualTo(CHILD_LABELS);
        assertThat(sks.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(sks.getMetadata().getOwnerReferences()).containsExactly(expectedOwner(NAME));
        assertThat(sks.getSpec())
                .isEqualTo(new ServerlessServiceSpec()
                        .setMode(mode)
                        .setProtocolType(protocol)
                        .setObjectRef(PodAutoscalers.scaleTargetRef(revision())));
        assertThat(sks.getSpec().getObjectRef().getName()).isEqualTo("hello-00001-deployment");
    }
}
