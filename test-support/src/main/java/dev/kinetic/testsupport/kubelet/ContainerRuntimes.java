package dev.kinetic.testsupport.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which {@link ContainerRuntime} runs which image, the fake kubelet's stand-in for pulling it. An image no entry
 * matches cannot be "pulled": its container stays waiting with {@code ErrImagePull}, then {@code ImagePullBackOff}.
 *
 * <pre>{@code
 * ContainerRuntimes runtimes = ContainerRuntimes.of()
 *         .image("kinetic/sample-app", sampleApps)        // kinetic/sample-app, :tag or @digest
 *         .prefix("kinetic/queue-proxy", queueProxyJar);  // anything starting with it
 * }</pre>
 *
 * <p>Immutable: each method returns a new instance. The first matching entry wins, in the order they were added.
 */
public final class ContainerRuntimes {
    private record Entry(String pattern, boolean prefix, ContainerRuntime runtime) {
        boolean matches(String image) {
            return prefix
                    ? image.startsWith(pattern)
                    : pattern.equals(image) || pattern.equals(withoutTagOrDigest(image));
        }
    }

    private final List<Entry> entries;

    private ContainerRuntimes(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No runtime at all: every image fails to pull. */
    public static ContainerRuntimes of() {
        return new ContainerRuntimes(List.of());
    }

    /**
     * Runs {@code image} with {@code runtime}: the image exactly as written in the pod spec, or that name with any
     * {@code :tag} or {@code @digest} (the serving controller pins images to digests).
     */
    public ContainerRuntimes image(String image, ContainerRuntime runtime) {
        return with(new Entry(Objects.requireNonNull(image, "image"), false, runtime));
    }

    /** Runs every image that starts with {@code prefix} with {@code runtime}. */
    public ContainerRuntimes prefix(String prefix, ContainerRuntime runtime) {
        return with(new Entry(Objects.requireNonNull(prefix, "prefix"), true, runtime));
    }

    private ContainerRuntimes with(Entry entry) {
        Objects.requireNonNull(entry.runtime(), "runtime");
        List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new ContainerRuntimes(more);
    }

    /** The runtime for {@code image}, if any entry matches it. */
    public Optional<ContainerRuntime> forImage(String image) {
        if (image == null || image.isBlank()) {
            return Optional.empty();
        }
        return entries.stream()
                .filter(e -> e.matches(image))
                .map(Entry::runtime)
                .findFirst();
    }

    /** {@code repo/name} of {@code repo/name:tag}, {@code repo/name@sha256:...} or both; a registry port stays. */
    static String withoutTagOrDigest(String image) {
        int at = image.indexOf('@');
        String name = at >= 0 ? image.substring(0, at) : image;
        int colon = name.lastIndexOf(':');
        // A colon before the last slash belongs to a registry host:port, not to a tag.
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }
}
