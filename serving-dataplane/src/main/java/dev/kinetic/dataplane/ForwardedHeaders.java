package dev.kinetic.dataplane;

import io.vertx.core.MultiMap;

/**
 * The forwarding headers of Knative's runtime contract: {@code X-Forwarded-For} gets the peer's address appended,
 * {@code X-Forwarded-Proto} is set when missing, and when no RFC 7239 {@code Forwarded} header came in one is built
 * from them (Knative's forwarded shim), so the user container always sees all three.
 */
public final class ForwardedHeaders {
    private ForwardedHeaders() {}

    /** Edits {@code headers} of a request that arrived from {@code peer} over {@code scheme}. */
    public static void apply(MultiMap headers, String peer, String scheme) {
        String xff = headers.get("X-Forwarded-For");
        String chain = peer == null ? xff : (xff == null || xff.isBlank() ? peer : xff + ", " + peer);
        if (chain != null) {
            headers.set("X-Forwarded-For", chain);
        }
        String proto = headers.get("X-Forwarded-Proto");
        if (proto == null) {
            proto = scheme;
            headers.set("X-Forwarded-Proto", proto);
        }
        if (!headers.contains("Forwarded") && chain != null) {
            headers.set("Forwarded", forwarded(chain, headers.get("X-Forwarded-Host"), proto));
        }
    }

    /** {@code for=} elements for each address of an {@code X-Forwarded-For} chain, host and proto on the first. */
    static String forwarded(String xffChain, String host, String proto) {
        StringBuilder sb = new StringBuilder(64);
        String[] hops = xffChain.split(",");
        for (int i = 0; i < hops.length; i++) {
            String hop = hops[i].trim();
            if (hop.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append("for=").append(node(hop));
            if (i == 0) {
                if (host != null && !host.isBlank()) {
                    sb.append(";host=").append(host.trim());
                }
                if (proto != null && !proto.isBlank()) {
                    sb.append(";proto=").append(proto.trim());
                }
            }
        }
        return sb.toString();
    }

    /** RFC 7239 §6: an IPv6 address is bracketed and the whole node quoted. */
    private static String node(String address) {
        if (address.indexOf(':') >= 0 && !address.startsWith("\"")) {
            String bracketed = address.startsWith("[") ? address : "[" + address + "]";
            return "\"" + bracketed + "\"";
        }
        return address;
    }
}
