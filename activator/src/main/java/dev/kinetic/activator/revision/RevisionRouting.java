package dev.kinetic.activator.revision;

import java.util.Locale;
import java.util.Optional;

/**
 * Which revision a request is for. The ingress names it in the {@code Knative-Serving-Revision} and {@code
 * Knative-Serving-Namespace} headers; without them, the Host is the revision's Service name: {@code
 * {rev}.{ns}.svc.{clusterDomain}}, or the shorter {@code {rev}.{ns}.svc} and {@code {rev}.{ns}}, with or without a
 * port.
 */
public final class RevisionRouting {
    private RevisionRouting() {}

    /** From the routing headers, when both are present and not blank. */
    public static Optional<RevisionKey> fromHeaders(String revision, String namespace) {
        if (revision == null || namespace == null || revision.isBlank() || namespace.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RevisionKey(namespace.trim(), revision.trim()));
    }

    /** From a Host (or :authority) of one of the three Service name forms. */
    public static Optional<RevisionKey> fromHost(String host, String clusterDomain) {
        if (host == null || host.isBlank() || host.startsWith("[")) {
            return Optional.empty();
        }
        String name = host.trim().toLowerCase(Locale.ROOT);
        int colon = name.indexOf(':');
        if (colon >= 0) {
            name = name.substring(0, colon);
        }
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        String fullSuffix = ".svc." + clusterDomain.toLowerCase(Locale.ROOT);
        if (name.endsWith(fullSuffix)) {
            name = name.substring(0, name.length() - fullSuffix.length());
        } else if (name.endsWith(".svc")) {
            name = name.substring(0, name.length() - ".svc".length());
        }
        int dot = name.indexOf('.');
        if (dot <= 0 || dot == name.length() - 1 || name.indexOf('.', dot + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new RevisionKey(name.substring(dot + 1), name.substring(0, dot)));
    }

    /** Headers first, then the Host. */
    public static Optional<RevisionKey> resolve(String revision, String namespace, String host, String clusterDomain) {
        Optional<RevisionKey> byHeaders = fromHeaders(revision, namespace);
        return byHeaders.isPresent() ? byHeaders : fromHost(host, clusterDomain);
    }
}
