package dev.kinetic.eventing.broker.controller.admission;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.admission.AdmissionResponses;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * The admission endpoints on the controller's HTTP server: {@value #BROKERS_PATH} and {@value #TRIGGERS_PATH}.
 * Admission is pure and quick, so reviews are answered on the event loop. The defaults are Kinetic's shipped ones
 * ({@link ApiConfig#defaults()}): Brokers get class {@code Kafka} and the {@code kafka-broker-config} ConfigMap.
 */
@ApplicationScoped
public class AdmissionRoutes {
    public static final String BROKERS_PATH = "/admission/brokers";
    public static final String TRIGGERS_PATH = "/admission/triggers";

    /** Kubernetes objects are at most ~1.5 MiB in etcd; a review holds two of them. */
    static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

    private static final Logger LOG = Logger.getLogger(AdmissionRoutes.class);

    void routes(@Observes Router router) {
        router.post(BROKERS_PATH)
                .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .handler(ctx -> reply(ctx, EventingAdmission.BROKERS));
        router.post(TRIGGERS_PATH)
                .handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES))
                .handler(ctx -> reply(ctx, EventingAdmission.TRIGGERS));
    }

    private static void reply(RoutingContext ctx, EventingAdmission<?> admission) {
        Buffer body = ctx.body().buffer();
        AdmissionResponses.Reply reply =
                admission.answer(body == null ? new byte[0] : body.getBytes(), ApiConfig.defaults());
        try {
            ctx.response()
                    .setStatusCode(reply.httpStatus())
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(Manifests.json().writeValueAsBytes(reply.review())));
        } catch (JsonProcessingException e) {
            LOG.error("cannot write an AdmissionReview", e);
            ctx.response().setStatusCode(500).end();
        }
    }
}
