package dev.kinetic.eventing.broker.controller.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.eventing.broker.controller.BrokerTestServer;
import dev.kinetic.testsupport.fixtures.EventingFixtures;
import dev.kinetic.testsupport.kafka.KafkaTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The admission endpoints over real HTTP on the controller's server. */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = BrokerTestServer.class)
@WithTestResource(KafkaTestResource.class)
class AdmissionRoutesIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TestHTTPResource("/admission/brokers")
    URI brokers;

    @TestHTTPResource("/admission/triggers")
    URI triggers;

    private static JsonNode post(URI uri, byte[] body) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return Manifests.json().readTree(response.body());
    }

    @Test
    void aBrokerWithoutClassIsPatchedToKafka() throws Exception {
        Broker broker = EventingFixtures.broker("ns", "b");
        broker.getMetadata().setAnnotations(null);

        JsonNode review = post(brokers, EventingAdmissionTest.review("Broker", "CREATE", broker, null));

        assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
        JsonNode response = review.path("response");
        assertThat(response.path("uid").asText()).isEqualTo("req-1");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        String patch =
                new String(Base64.getDecoder().decode(response.path("patch").asText()));
        assertThat(patch).contains(Knative.BROKER_CLASS_ANNOTATION).contains("\"Kafka\"");
    }

    @Test
    void aClassChangeIsRejectedNamingTheField() throws Exception {
        Broker old = EventingFixtures.broker("ns", "b");
        Broker changed = EventingFixtures.broker("ns", "b");
        changed.getMetadata().getAnnotations().put(Knative.BROKER_CLASS_ANNOTATION, "MTChannelBasedBroker");

        JsonNode response = post(brokers, EventingAdmissionTest.review("Broker", "UPDATE", changed, old))
                .path("response");

        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(400);
        assertThat(response.path("status").path("details").path("causes").findValuesAsText("field"))
                .contains(EventingAdmissionTest.CLASS_PATH);
    }

    @Test
    void aTriggerIsDefaulted() throws Exception {
        JsonNode response = post(
                        triggers,
                        EventingAdmissionTest.review(
                                "Trigger", "CREATE", EventingFixtures.trigger("ns", "t", "default"), null))
                .path("response");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        String patch =
                new String(Base64.getDecoder().decode(response.path("patch").asText()));
        assertThat(patch).contains(Knative.BROKER_LABEL);
    }
}
