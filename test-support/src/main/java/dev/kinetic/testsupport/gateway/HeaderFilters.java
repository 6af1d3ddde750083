package dev.kinetic.testsupport.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The {@code RequestHeaderModifier} and {@code ResponseHeaderModifier} filters of a rule and of the chosen backend
 * (the rule's first): {@code set} replaces, {@code add} appends, {@code remove} drops. Other filter types are not
 * supported by the test gateway and are ignored.
 */
final class HeaderFilters {
    private HeaderFilters() {}

    /** The request header filters that apply to a request sent to {@code backend} by {@code rule}, in order. */
    static List<HTTPHeaderFilter> request(HTTPRouteRule rule, HTTPBackendRef backend) {
        return collect(rule, backend, HTTPRouteFilter::getRequestHeaderModifier, "RequestHeaderModifier");
    }

    /** The response header filters that apply to the answer of {@code backend} chosen by {@code rule}, in order. */
    static List<HTTPHeaderFilter> response(HTTPRouteRule rule, HTTPBackendRef backend) {
        return collect(rule, backend, HTTPRouteFilter::getResponseHeaderModifier, "ResponseHeaderModifier");
    }

    private static List<HTTPHeaderFilter> collect(
            HTTPRouteRule rule,
            HTTPBackendRef backend,
            Function<HTTPRouteFilter, HTTPHeaderFilter> which,
            String type) {
        List<HTTPHeaderFilter> filters = new ArrayList<>();
        for (List<HTTPRouteFilter> list : List.of(orEmpty(rule.getFilters()), orEmpty(backend.getFilters()))) {
            for (HTTPRouteFilter f : list) {
                if (type.equals(f.getType()) && which.apply(f) != null) {
                    filters.add(which.apply(f));
                }
            }
        }
        return filters;
    }

    /** Applies {@code filters} to {@code headers}, in order. */
    static void apply(List<HTTPHeaderFilter> filters, MultiMap headers) {
        for (HTTPHeaderFilter f : filters) {
            for (HTTPHeader h : orEmpty(f.getSet())) {
                headers.set(h.getName(), h.getValue());
            }
            for (HTTPHeader h : orEmpty(f.getAdd())) {
                headers.add(h.getName(), h.getValue());
            }
            for (String name : orEmpty(f.getRemove())) {
                headers.remove(name);
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
