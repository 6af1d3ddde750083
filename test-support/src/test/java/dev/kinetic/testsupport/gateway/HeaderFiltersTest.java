package dev.kinetic.testsupport.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRefBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilterBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRuleBuilder;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

class HeaderFiltersTest {

    @Test
    void theRulesFiltersApplyBeforeTheBackendsAndSetAddRemoveDoWhatTheySay() {
        HTTPRouteRule rule = new HTTPRouteRuleBuilder()
                .withFilters(
                        new HTTPRouteFilterBuilder()
                                .withType("RequestHeaderModifier")
                                .withNewRequestHeaderModifier()
                                .withSet(new HTTPHeader("X-Who", "rule"))
                                .withAdd(new HTTPHeader("X-List", "rule"))
                                .withRemove("X-Drop")
                                .endRequestHeaderModifier()
                                .build(),
                        new HTTPRouteFilterBuilder()
                                .withType("ResponseHeaderModifier")
                                .withNewResponseHeaderModifier()
                                .withSet(new HTTPHeader("X-Response", "yes"))
                                .endResponseHeaderModifier()
                                .build())
                .build();
        HTTPBackendRef backend = new HTTPBackendRefBuilder()
                .withFilters(new HTTPRouteFilterBuilder()
                        .withType("RequestHeaderModifier")
                        .withNewRequestHeaderModifier()
                        .withSet(new HTTPHeader("X-Who", "backend"))
                        .endRequestHeaderModifier()
                        .build())
                .build();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("x-who", "client")
                .add("X-List", "client")
                .add("x-drop", "gone");

        HeaderFilters.apply(HeaderFilters.request(rule, backend), headers);

        assertThat(headers.getAll("X-Who")).containsExactly("backend");
        assertThat(headers.getAll("X-List")).containsExactly("client", "rule");
        assertThat(headers.contains("X-Drop")).isFalse();
        assertThat(HeaderFilters.response(rule, backend)).singleElement().satisfies(f -> assertThat(f.getSet())
                .extracting(HTTPHeader::getName)
                .containsExactly("X-Response"));
    }
}
