package dev.kinetic.eventing.broker.controller.destination;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.duck.v1.Addressable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** Pure pieces of resolution: picking an address out of an Addressable status, and RFC 3986 URL resolution. */
public final class Addresses {
    private Addresses() {}

    /**
     * The address of an Addressable's {@code status}: the entry of {@code addresses[]} named {@code name} if a name
     * is given, else the first entry, else {@code address}. An address without a URL counts as none.
     *
     * @param status the object's {@code status}, or a missing node
     * @param name the wanted address name ({@code ref.address}), or null
     */
    public static Optional<Addressable> select(JsonNode status, String name) {
        JsonNode addresses = status.path("addresses");
        if (name != null && !name.isEmpty()) {
            for (JsonNode address : addresses) {
                if (name.equals(address.path("name").asText(null))) {
                    return withUrl(address);
                }
            }
            JsonNode single = status.path("address");
            return name.equals(single.path("name").asText(null)) ? withUrl(single) : Optional.empty();
        }
        if (addresses.isArray() && !addresses.isEmpty()) {
            return withUrl(addresses.get(0));
        }
        return withUrl(status.path("address"));
    }

    private static Optional<Addressable> withUrl(JsonNode node) {
        String url = node.path("url").asText("");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Addressable()
                .setName(node.path("name").asText(null))
                .setUrl(url)
                .setCaCerts(node.path("CACerts").asText(null))
                .setAudience(node.path("audience").asText(null)));
    }

    /**
     * Resolves {@code reference} against {@code base} as RFC 3986 does, with one fix for bases without a path
     * ({@code http://host} + {@code a} is {@code http://host/a}).
     *
     * @return the absolute URL, or empty when either is not a valid URI or the base is not absolute
     */
    public static Optional<String> resolve(String base, String reference) {
        try {
            URI baseUri = new URI(base);
            if (!isAbsoluteUrl(baseUri)) {
                return Optional.empty();
            }
            if (baseUri.getRawPath() == null || baseUri.getRawPath().isEmpty()) {
                baseUri = new URI(baseUri.getScheme(), baseUri.getRawAuthority(), "/", null, null);
            }
            URI ref = new URI(reference);
            if (reference.startsWith("?")) {
                // RFC 3986 keeps the base path for a query-only reference; RFC 2396 (java.net.URI) drops its last
                // segment.
                return Optional.of(new URI(baseUri.getScheme(), baseUri.getRawAuthority(), null, null, null)
                        + baseUri.getRawPath()
                        + reference);
            }
            return Optional.of(withoutLeadingDotSegments(baseUri.resolve(ref)));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * {@link URI#resolve} follows RFC 2396 and keeps {@code ..} segments that climb above the root; RFC 3986 drops
     * them ({@code http://h/a} + {@code ../../b} is {@code http://h/b}).
     */
    private static String withoutLeadingDotSegments(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/..")) {
            return uri.toString();
        }
        while (path.startsWith("/../")) {
            path = path.substring(3);
        }
        if (path.equals("/..")) {
            path = "/";
        }
        StringBuilder url = new StringBuilder();
        url.append(uri.getScheme()).append("://").append(uri.getRawAuthority()).append(path);
        if (uri.getRawQuery() != null) {
            url.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            url.append('#').append(uri.getRawFragment());
        }
        return url.toString();
    }

    /** An absolute URL with a host, such as {@code http://svc.ns.svc.cluster.local/path}. */
    public static boolean isAbsoluteUrl(String uri) {
        try {
            return isAbsoluteUrl(new URI(uri));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isAbsoluteUrl(URI uri) {
        return uri.isAbsolute() && uri.getHost() != null && !uri.getHost().isEmpty();
    }
}
