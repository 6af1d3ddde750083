package dev.kinetic.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKineticApi(kineticCrds = false)
class KineticCrdsTest {

    private static final String WIDGETS = "widgets.test.kinetic.dev";
    private static final String GADGETS = "gadgets.test.kinetic.dev";

    @TempDir
    Path temp;

    @Test
    void loadsEveryYamlFileOfAClasspathDirectory() {
        KineticCrds crds = KineticCrds.load("test-crds");

        assertThat(crds.folder()).isEqualTo("test-crds");
        assertThat(crds.names()).containsExactly(GADGETS, WIDGETS);
        assertThat(crds.sources()).containsOnlyKeys("gadgets.test.kinetic.dev.yml", "widgets.test.kinetic.dev.yaml");
        assertThat(crds.definitions())
                .extracting(crd -> crd.getSpec().getNames().getKind())
                .containsExactly("Gadget", "Widget");
        assertThat(KineticCrds.load("/test-crds/").names()).isEqualTo(crds.names());
    }

    @Test
    void loadsFromInsideAJarLikeTheDeployJar() throws IOException {
        Path jar = jar(Map.of(
                "kinetic/crds/widgets.test.kinetic.dev.yaml", resource("test-crds/widgets.test.kinetic.dev.yaml"),
                "kinetic/crds/README.md", "not a CRD",
                "kinetic/crds/nested/ignored.yaml", "not read: only direct children count"));

        try (URLClassLoader loader = isolatedLoader(jar)) {
            KineticCrds crds = KineticCrds.load(loader, KineticCrds.FOLDER);

            assertThat(crds.names()).containsExactly(WIDGETS);
            assertThat(crds.sources().get("widgets.test.kinetic.dev.yaml").getProtocol())
                    .isEqualTo("jar");
        }
    }

    @Test
    void theFirstClasspathRootWinsForAFileName() throws IOException {
        String widgets = resource("test-crds/widgets.test.kinetic.dev.yaml");
        Path first = jar(Map.of("crds/widgets.yaml", widgets));
        Path second = jar(Map.of(
                "crds/widgets.yaml",
                "kind: Broken",
                "crds/gadgets.yaml",
                resource("test-crds/gadgets.test.kinetic.dev.yml")));

        try (URLClassLoader loader = isolatedLoader(first, second)) {
            assertThat(KineticCrds.load(loader, "crds").names()).containsExactly(GADGETS, WIDGETS);
        }
    }

    @Test
    void definitionsAreCopies() {
        KineticCrds crds = KineticCrds.load("test-crds");

        crds.definitions().get(0).getMetadata().setName("changed");

        assertThat(crds.definitions().get(0).getMetadata().getName()).isEqualTo(GADGETS);
    }

    @Test
    void rejectsAFolderWithoutCrds() throws IOException {
        try (URLClassLoader loader = isolatedLoader(jar(Map.of("empty/README.md", "nothing")))) {
            assertThatThrownBy(() -> KineticCrds.load(loader, "empty"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("empty/");
            assertThatThrownBy(() -> KineticCrds.load(loader, KineticCrds.FOLDER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("kinetic-deploy");
        }
    }

    @Test
    void rejectsFilesThatAreNotOneV1Crd() throws IOException {
        String widgets = resource("test-crds/widgets.test.kinetic.dev.yaml");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("two-documents.yaml", widgets + "\n---\n" + widgets);
        bad.put("config-map.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
        bad.put("v1beta1.yaml", widgets.replace("apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1"));
        bad.put("no-name.yaml", widgets.replace("name: widgets.test.kinetic.dev", "labels: {}"));
        for (Map.Entry<String, String> file : bad.entrySet()) {
            try (URLClassLoader loader = isolatedLoader(jar(Map.of("bad/" + file.getKey(), file.getValue())))) {
                assertThatThrownBy(() -> KineticCrds.load(loader, "bad"))
                        .as(file.getKey())
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(file.getKey());
            }
        }
    }

    @Test
    void rejectsTwoFilesDefiningTheSameCrd() throws IOException {
        String widgets = resource("test-crds/widgets.test.kinetic.dev.yaml");
        try (URLClassLoader loader = isolatedLoader(jar(Map.of("dup/a.yaml", widgets, "dup/b.yaml", widgets)))) {
            assertThatThrownBy(() -> KineticCrds.load(loader, "dup"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(WIDGETS)
                    .hasMessageContaining("a.yaml")
                    .hasMessageContaining("b.yaml");
        }
    }

    @Test
    void applyToCreatesThenReplaces(KubernetesClient client) {
        KineticCrds crds = KineticCrds.load("test-crds");

        List<CustomResourceDefinition> created = crds.applyTo(client);
        assertThat(created).extracting(crd -> crd.getMetadata().getName()).containsExactly(GADGETS, WIDGETS);

        List<CustomResourceDefinition> replaced = crds.applyTo(client);
        assertThat(replaced)
                .extracting(crd -> crd.getMetadata().getUid())
                .containsExactlyElementsOf(
                        created.stream().map(crd -> crd.getMetadata().getUid()).toList());
        assertThat(client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .list()
                        .getItems())
                .extracting(crd -> crd.getMetadata().getName())
                .contains(GADGETS, WIDGETS);
    }

    @Test
    void applyKineticCrdsPreparesAQuarkusTestServer() {
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        try {
            new ApplyKineticCrds().accept(server);

            assertThat(server.getClient()
                            .apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .list()
                            .getItems())
                    .extracting(crd -> crd.getMetadata().getName())
                    .containsExactlyInAnyOrderElementsOf(KineticCrds.load().names());
        } finally {
            server.after();
        }
    }

    /** A jar with {@code entries} (path to content) and, as Maven writes them, an entry for each directory. */
    private Path jar(Map<String, String> entries) throws IOException {
        Map<String, String> withDirectories = new TreeMap<>(entries);
        for (String path : entries.keySet()) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                withDirectories.putIfAbsent(path.substring(0, slash + 1), null);
            }
        }
        Path jar = Files.createTempFile(temp, "crds", ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out)) {
            for (Map.Entry<String, String> entry : withDirectories.entrySet()) {
                jarOut.putNextEntry(new JarEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    /** A loader that sees only {@code jars}, not this module's test classpath. */
    private static URLClassLoader isolatedLoader(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KineticCrdsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
