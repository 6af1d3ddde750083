package dev.kinetic.testsupport.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * Kinetic's CustomResourceDefinitions as shipped on the classpath, ready to be applied to a test API server.
 *
 * <p>The {@code kinetic-deploy} jar carries one {@code apiextensions.k8s.io/v1} CRD per YAML file under {@value
 * #FOLDER}. {@link #load()} finds every {@code *.yaml}/{@code *.yml} file directly in that folder, in every classpath
 * root that has it (directories and jars alike), and parses them. When two roots hold a file of the same name, the
 * first one on the classpath wins, as for classes. Inside a jar the folder is found through its directory entry,
 * which Maven's jar plugin always writes.
 *
 * <pre>{@code
 * KineticCrds.load().applyTo(client);
 * }</pre>
 *
 * <p>For a Quarkus test use {@code @WithKubernetesTestServer(crud = true, setup = ApplyKineticCrds.class)}; for a
 * plain JUnit test, {@link WithKineticApi}.
 *
 * <p>Instances are immutable.
 */
public final class KineticCrds {

    /** The classpath folder that holds Kinetic's CRDs, one per file. */
    public static final String FOLDER = "kinetic/crds";

    /** How long {@link #applyTo} waits for the server to list the applied CRDs. */
    private static final Duration LISTED_TIMEOUT = Duration.ofSeconds(30);

    private static final String API_VERSION = "apiextensions.k8s.io/v1";
    private static final String KIND = "CustomResourceDefinition";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final String folder;
    private final Map<String, URL> sources;
    private final List<CustomResourceDefinition> definitions;

    private KineticCrds(String folder, Map<String, URL> sources, List<CustomResourceDefinition> definitions) {
        this.folder = folder;
        this.sources = sources;
        this.definitions = definitions;
    }

    /**
     * Loads the CRDs under {@value #FOLDER} with the thread's context class loader (or this class's loader if there
     * is none).
     *
     * @return the CRDs found
     * @throws IllegalStateException if the folder holds no CRD file, or a file is not a single v1 CRD
     */
    public static KineticCrds load() {
        return load(FOLDER);
    }

    /**
     * Loads the CRDs in another classpath folder, for example a test's own CRDs, with the thread's context class
     * loader (or this class's loader if there is none).
     *
     * @param folder a classpath folder such as {@code test-crds}, without leading slash
     * @return the CRDs found
     * @throws IllegalStateException if the folder holds no CRD file, or a file is not a single v1 CRD
     */
    public static KineticCrds load(String folder) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : KineticCrds.class.getClassLoader(), folder);
    }

    /**
     * Loads the CRDs in a classpath folder of {@code loader}.
     *
     * @param loader the class loader whose classpath is searched
     * @param folder a classpath folder such as {@value #FOLDER}, without leading slash
     * @return the CRDs found
     * @throws IllegalStateException if the folder holds no CRD file, or a file is not a single v1 CRD
     */
    public static KineticCrds load(ClassLoader loader, String folder) {
        Objects.requireNonNull(loader, "loader");
        String normalized = normalize(folder);
        Map<String, URL> sources = findFiles(loader, normalized);
        if (sources.isEmpty()) {
            throw new IllegalStateException("No CRD file (*.yaml, *.yml) in classpath folder " + normalized + "/; for "
                    + FOLDER + "/, is dev.kinetic:kinetic-deploy on the test classpath?");
        }
        List<CustomResourceDefinition> definitions = new ArrayList<>();
        Map<String, String> fileByCrdName = new TreeMap<>();
        sources.forEach((fileName, url) -> {
            CustomResourceDefinition crd = parse(url);
            String previous = fileByCrdName.put(crd.getMetadata().getName(), fileName);
            if (previous != null) {
                throw new IllegalStateException("CRD " + crd.getMetadata().getName() + " is defined twice, in "
                        + previous + " and in " + fileName + " (classpath folder " + normalized + "/)");
            }
            definitions.add(crd);
        });
        return new KineticCrds(normalized, Collections.unmodifiableMap(sources), List.copyOf(definitions));
    }

    /**
     * The classpath folder these CRDs were loaded from.
     *
     * @return for example {@value #FOLDER}
     */
    public String folder() {
        return folder;
    }

    /**
     * The files the CRDs were read from, by file name, sorted by file name.
     *
     * @return file name (for example {@code services.serving.knative.dev.yaml}) to its URL
     */
    public Map<String, URL> sources() {
        return sources;
    }

    /**
     * The parsed CRDs, in file-name order. Each call returns fresh copies, which the caller may change.
     *
     * @return one CRD per file
     */
    public List<CustomResourceDefinition> definitions() {
        return definitions.stream().map(KineticCrds::copy).toList();
    }

    /**
     * The names of the CRDs, such as {@code services.serving.knative.dev}.
     *
     * @return the CRD names, sorted
     */
    public Set<String> names() {
        return definitions.stream()
                .map(crd -> crd.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Creates each CRD on the server, or replaces it if one of that name exists, then waits until the server lists
     * all of them.
     *
     * @param client a client of the target API server, allowed to write CRDs
     * @return the CRDs as the server stored them, in file-name order
     */
    public List<CustomResourceDefinition> applyTo(KubernetesClient client) {
        Objects.requireNonNull(client, "client");
        List<CustomResourceDefinition> applied = new ArrayList<>();
        var crds = client.apiextensions().v1().customResourceDefinitions();
        for (CustomResourceDefinition crd : definitions()) {
            CustomResourceDefinition existing =
                    crds.withName(crd.getMetadata().getName()).get();
            if (existing == null) {
                applied.add(crds.resource(crd).create());
            } else {
                crd.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
                applied.add(crds.resource(crd).update());
            }
        }
        Set<String> expected = names();
        Awaitility.await("CRDs " + expected + " are listed")
                .atMost(LISTED_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
                        .map(crd -> crd.getMetadata().getName())
                        .collect(Collectors.toSet())
                        .containsAll(expected));
        return applied;
    }

    @Override
    public String toString() {
        return "KineticCrds" + names() + " from " + folder + "/";
    }

    private static String normalize(String folder) {
        Objects.requireNonNull(folder, "folder");
        String normalized = folder;
        while (normalized.startsWith("/")) {
            normalized = normalized.substring(1);
        }
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("A classpath folder is needed, got '" + folder + "'");
        }
        return normalized;
    }

    /** The CRD files directly in {@code folder} of every classpath root, by file name, first root winning. */
    private static Map<String, URL> findFiles(ClassLoader loader, String folder) {
        Map<String, URL> files = new LinkedHashMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(folder);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                for (Map.Entry<String, URL> file : list(root, folder).entrySet()) {
                    files.putIfAbsent(file.getKey(), file.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not search the classpath for " + folder + "/", e);
        }
        return new TreeMap<>(files);
    }

    /** The CRD files directly inside the folder at {@code url}, by file name. */
    private static Map<String, URL> list(URL url, String folder) throws IOException {
        switch (url.getProtocol()) {
            case "file":
                return listDirectory(url);
            case "jar":
                return listJar(url, folder);
            default:
                throw new IllegalStateException("Cannot list classpath folder " + url
                        + ": only directories (file:) and jars (jar:) are supported");
        }
    }

    private static Map<String, URL> listDirectory(URL url) throws IOException {
        Path directory;
        try {
            directory = Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Bad classpath URL " + url, e);
        }
        Map<String, URL> files = new TreeMap<>();
        try (Stream<Path> children = Files.list(directory)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (Files.isRegularFile(child) && isYaml(name)) {
                    files.put(name, child.toUri().toURL());
                }
            }
        }
        return files;
    }

    private static Map<String, URL> listJar(URL url, String folder) throws IOException {
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection jarConnection)) {
            throw new IOException("Not a jar URL: " + url);
        }
        // Not cached: the jar file is closed below, and a cached JarFile is shared with the class loader.
        jarConnection.setUseCaches(false);
        String prefix = folder + "/";
        URL jarUrl = jarConnection.getJarFileURL();
        Map<String, URL> files = new TreeMap<>();
        try (JarFile jar = jarConnection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith(prefix)) {
                    continue;
                }
                String fileName = name.substring(prefix.length());
                if (!fileName.contains("/") && isYaml(fileName)) {
                    files.put(fileName, new URL("jar:" + jarUrl.toExternalForm() + "!/" + name));
                }
            }
        }
        return files;
    }

    private static boolean isYaml(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }

    private static CustomResourceDefinition parse(URL url) {
        Object parsed;
        try (InputStream in = open(url)) {
            parsed = SERIALIZATION.unmarshal(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + url, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not parse " + url + " as a Kubernetes resource", e);
        }
        if (!(parsed instanceof HasMetadata resource)) {
            throw new IllegalStateException(url + " must hold exactly one " + KIND + ", found "
                    + (parsed instanceof List<?> list ? list.size() + " documents" : String.valueOf(parsed)));
        }
        if (!(resource instanceof CustomResourceDefinition crd) || !API_VERSION.equals(crd.getApiVersion())) {
            throw new IllegalStateException(url + " must hold an " + API_VERSION + " " + KIND + ", found "
                    + resource.getApiVersion() + " " + resource.getKind());
        }
        if (crd.getMetadata() == null || crd.getMetadata().getName() == null) {
            throw new IllegalStateException(url + " holds a " + KIND + " without metadata.name");
        }
        return crd;
    }

    private static InputStream open(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        // A cached jar connection would share, and leave open, the JarFile the class loader uses.
        connection.setUseCaches(false);
        return connection.getInputStream();
    }

    private static CustomResourceDefinition copy(CustomResourceDefinition crd) {
        return SERIALIZATION.clone(crd);
    }
}
