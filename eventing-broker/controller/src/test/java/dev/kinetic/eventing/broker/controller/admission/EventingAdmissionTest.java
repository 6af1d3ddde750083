package dev.kinetic.eventing.broker.controller.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.admission.AdmissionResponses;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.testsupport.fixtures.EventingFixtures;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventingAdmissionTest {
    static final String CLASS_PATH = "metadata.annotations[eventing.knative.dev/broker.class]";

    /** An AdmissionReview request for {@code object} (and {@code old} on update). */
    static byte[] review(String kind, String operation, Object object, Object old) {
        ObjectNode request = Manifests.json().createObjectNode();
        request.put("uid", "req-1");
        request.putObject("kind")
                .put("group", "eventing.knative.dev")
                .put("version", "v1")
                .put("kind", kind);
        request.put("operation", operation);
        request.set("object", Manifests.toTree(object));
        if (old != null) {
            request.set("oldObject", Manifests.toTree(old));
        }
        ObjectNode review = Manifests.json().createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        review.set("request", request);
        return review.toString().getBytes(StandardCharsets.UTF_8);
    }

    static JsonNode patch(AdmissionResponse response) throws Exception {
        return Manifests.json().readTree(Base64.getDecoder().decode(response.getPatch()));
    }

    private static Broker classless(String name) {
        Broker b = EventingFixtures.broker("ns", name);
        b.getMetadata().setAnnotations(null);
        return b;
    }

    @Test
    void aBrokerWithoutClassGetsKafkaAndTheDefaultConfig() throws Exception {
        AdmissionResponses.Reply reply = EventingAdmission.BROKERS.answer(
                review("Broker", "CREATE", classless("b"), null), ApiConfig.defaults());

        AdmissionResponse response = reply.review().getResponse();
        assertThat(reply.httpStatus()).isEqualTo(200);
        assertThat(response.getUid()).isEqualTo("req-1");
        assertThat(response.getAllowed()).isTrue();
        assertThat(response.getPatchType()).isEqualTo("JSONPatch");
        String patch = patch(response).toString();
        assertThat(patch).contains("\"eventing.knative.dev/broker.class\":\"Kafka\"");
        assertThat(patch).contains("\"/spec/config\"").contains("kafka-broker-config");
    }

    @Test
    void aDefaultedBrokerNeedsNoPatch() {
        Broker b = classless("b");
        dev.kinetic.api.eventing.v1.BrokerValidation.ADMISSION.setDefaults(b, ApiConfig.defaults());
        AdmissionResponse response = EventingAdmission.BROKERS
                .answer(review("Broker", "CREATE", b, null), ApiConfig.defaults())
                .review()
                .getResponse();
        assertThat(response.getAllowed()).isTrue();
        assertThat(response.getPatch()).isNull();
    }

    @Test
    void theClassCannotChange() {
        Broker old = EventingFixtures.broker("ns", "b");
        Broker changed = EventingFixtures.broker("ns", "b");
        changed.getMetadata().getAnnotations().put("eventing.knative.dev/broker.class", "MTChannelBasedBroker");

        AdmissionResponse response = EventingAdmission.BROKERS
                .answer(review("Broker", "UPDATE", changed, old), ApiConfig.defaults())
                .review()
                .getResponse();

        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getCode()).isEqualTo(400);
        assertThat(response.getStatus().getMessage()).startsWith("validation failed: ");
        List<String> fields = response.getStatus().getDetails().getCauses().stream()
                .map(StatusCause::getField)
                .toList();
        assertThat(fields).contains(CLASS_PATH);
    }

    @Test
    void removingTheClassOnUpdateDefaultsItBack() {
        Broker old = EventingFixtures.broker("ns", "b");
        AdmissionResponse response = EventingAdmission.BROKERS
                .answer(review("Broker", "UPDATE", classless("b"), old), ApiConfig.defaults())
                .review()
                .getResponse();
        assertThat(response.getAllowed()).isTrue();
    }

    @Test
    void anInvalidTriggerIsDeniedNamingTheField() {
        Trigger t = EventingFixtures.trigger("ns", "t", "default");
        t.getSpec().setSubscriber(new dev.kinetic.api.duck.v1.Destination());
        AdmissionResponse response = EventingAdmission.TRIGGERS
                .answer(review("Trigger", "CREATE", t, null), ApiConfig.defaults())
                .review()
                .getResponse();
        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getDetails().getCauses())
                .extracting(StatusCause::getField)
                .anyMatch(f -> f != null && f.startsWith("spec.subscriber"));
    }

    @Test
    void aTriggerWithoutBrokerGetsTheDefaultAndItsLabel() throws Exception {
        Trigger t = EventingFixtures.trigger("ns", "t", null);
        AdmissionResponse response = EventingAdmission.TRIGGERS
                .answer(review("Trigger", "CREATE", t, null), ApiConfig.defaults())
                .review()
                .getResponse();
        assertThat(response.getAllowed()).isTrue();
        assertThat(patch(response).toString()).contains("\"/spec/broker\"").contains("eventing.knative.dev/broker");
    }

    @Test
    void otherOperationsAndKindsPassAndGarbageIsABadRequest() {
        assertThat(EventingAdmission.BROKERS
                        .answer(review("Broker", "DELETE", classless("b"), null), ApiConfig.defaults())
                        .review()
                        .getResponse()
                        .getAllowed())
                .isTrue();
        assertThat(EventingAdmission.BROKERS
                        .answer(review("Trigger", "CREATE", classless("b"), null), ApiConfig.defaults())
                        .review()
                        .getResponse()
                        .getAllowed())
                .isTrue();
        AdmissionResponses.Reply garbage =
                EventingAdmission.BROKERS.answer("not json".getBytes(StandardCharsets.UTF_8), ApiConfig.defaults());
        assertThat(garbage.httpStatus()).isEqualTo(400);
        assertThat(garbage.review().getResponse().getAllowed()).isFalse();
    }
}
