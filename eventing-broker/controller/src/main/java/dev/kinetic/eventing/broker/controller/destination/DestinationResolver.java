package dev.kinetic.eventing.broker.controller.destination;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Destination;
import dev.kinetic.api.duck.v1.KReference;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Optional;

/**
 * Resolves a {@link Destination} to a URL (Knative's {@code URIResolver}):
 *
 * <ul>
 *   <li>a core {@code v1} Service: {@code http://{name}.{namespace}.svc.{cluster domain}} ({@code https} when the
 *       destination carries CA certificates), without reading the Service;
 *   <li>any other reference: the object is read and its Addressable status used, the {@code addresses[]} entry
 *       named by {@code ref.address} (or the first), falling back to {@code address};
 *   <li>a reference with a relative {@code uri}: the URI resolved against the reference's URL (RFC 3986);
 *   <li>an absolute {@code uri} alone: itself.
 * </ul>
 *
 * The destination's own {@code CACerts} and {@code audience} win over the target's. The only I/O is the {@link
 * ObjectReader}; API errors other than not-found propagate, as they are transient.
 */
public final class DestinationResolver {
    /** The reason of every unresolvable destination. */
    public static final String UNRESOLVABLE = "Unresolvable";

    private final String clusterDomain;
    private final ObjectReader reader;

    public DestinationResolver(String clusterDomain, ObjectReader reader) {
        this.clusterDomain = clusterDomain;
        this.reader = reader;
    }

    /**
     * @param destination what to resolve
     * @param namespace the namespace of the object holding the destination, for references without one
     */
    public Resolution resolve(Destination destination, String namespace) {
        if (destination == null || (destination.getRef() == null && isBlank(destination.getUri()))) {
            return unresolvable("the destination has neither ref nor uri");
        }
        KReference ref = destination.getRef();
        String uri = isBlank(destination.getUri()) ? null : destination.getUri().trim();
        if (ref == null) {
            return Addresses.isAbsoluteUrl(uri)
                    ? resolved(new Addressable().setUrl(uri), destination)
                    : unresolvable("uri \"" + uri + "\" is not an absolute URL");
        }
        Resolution target = resolveRef(ref, namespace, destination);
        if (!(target instanceof Resolution.Resolved resolved) || uri == null) {
            return target;
        }
        Optional<String> url = Addresses.resolve(resolved.url(), uri);
        if (url.isEmpty()) {
            return unresolvable("uri \"" + uri + "\" cannot be resolved against " + resolved.url() + " of "
                    + describe(ref, namespace));
        }
        return resolved(copy(resolved.address()).setUrl(url.get()), destination);
    }

    private Resolution resolveRef(KReference ref, String defaultNamespace, Destination destination) {
        String namespace = isBlank(ref.getNamespace()) ? defaultNamespace : ref.getNamespace();
        String apiVersion = apiVersion(ref);
        if (isBlank(ref.getKind()) || isBlank(ref.getName()) || isBlank(apiVersion)) {
            return unresolvable("ref must have kind, name and apiVersion: " + describe(ref, namespace));
        }
        if ("v1".equals(apiVersion) && "Service".equals(ref.getKind())) {
            String scheme = isBlank(destination.getCaCerts()) ? "http" : "https";
            String url = scheme + "://" + ref.getName() + "." + namespace + ".svc." + clusterDomain;
            return resolved(new Addressable().setName(scheme).setUrl(url), destination);
        }
        Optional<GenericKubernetesResource> object;
        try {
            object = reader.get(apiVersion, ref.getKind(), namespace, ref.getName());
        } catch (ObjectReader.UnknownKindException e) {
            return unresolvable(describe(ref, namespace) + ": " + e.getMessage());
        }
        if (object.isEmpty()) {
            return unresolvable(describe(ref, namespace) + " does not exist");
        }
        Object status = object.get().getAdditionalProperties().get("status");
        JsonNode statusNode =
                status == null ? MissingNode.getInstance() : Manifests.json().valueToTree(status);
        Optional<Addressable> address = Addresses.select(statusNode, ref.getAddress());
        if (address.isEmpty()) {
            return unresolvable(
                    isBlank(ref.getAddress())
                            ? describe(ref, namespace) + " does not have an address yet"
                            : describe(ref, namespace) + " has no address named \"" + ref.getAddress() + "\"");
        }
        if (!Addresses.isAbsoluteUrl(address.get().getUrl())) {
            return unresolvable(describe(ref, namespace) + " has address \""
                    + address.get().getUrl() + "\", which is not an absolute URL");
        }
        return resolved(address.get(), destination);
    }

    /** The apiVersion of a reference, built from the deprecated {@code group} when only that is set. */
    private static String apiVersion(KReference ref) {
        if (!isBlank(ref.getApiVersion())) {
            return ref.getApiVersion();
        }
        return isBlank(ref.getGroup()) ? null : ref.getGroup();
    }

    /** A reference as users write it, e.g. {@code Service.serving.knative.dev/v1 "default/app"}. */
    public static String describe(KReference ref, String namespace) {
        String apiVersion = apiVersion(ref);
        return ref.getKind() + " " + (apiVersion == null ? "" : "(" + apiVersion + ") ") + "\""
                + (isBlank(ref.getNamespace()) ? namespace : ref.getNamespace()) + "/" + ref.getName() + "\"";
    }

    private static Resolution resolved(Addressable address, Destination destination) {
        Addressable result = copy(address);
        if (!isBlank(destination.getCaCerts())) {
            result.setCaCerts(destination.getCaCerts());
        }
        if (!isBlank(destination.getAudience())) {
            result.setAudience(destination.getAudience());
        }
        return new Resolution.Resolved(result);
    }

    private static Addressable copy(Addressable a) {
        return new Addressable()
                .setName(a.getName())
                .setUrl(a.getUrl())
                .setCaCerts(a.getCaCerts())
                .setAudience(a.getAudience());
    }

    private static Resolution unresolvable(String message) {
        return new Resolution.Unresolvable(UNRESOLVABLE, message);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
