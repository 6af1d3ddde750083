package dev.kinetic.testsupport.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit extension behind {@link WithKineticApi}: one fabric8 Kubernetes mock server in CRUD mode per test class,
 * on the loopback address and an ephemeral port, with Kinetic's CRDs applied before any test code runs.
 *
 * <p>The server is started in {@code beforeAll} (or earlier if a per-class test instance's constructor asks for it)
 * and stopped in {@code afterAll} of the class that started it; {@code @Nested} classes share their enclosing
 * class's server. It is the same server as Quarkus' {@code @WithKubernetesTestServer(crud = true)}: fabric8's
 * {@code KubernetesMockServer} with the mixed CRUD dispatcher of fabric8 7.6.1.
 *
 * <h2>How close to a real API server it is</h2>
 *
 * <p>Checked by {@code KubernetesServerBehaviourTest} in this module (fabric8 7.6.1), with
 * {@code GenericKubernetesResource}s of a CRD that enables the {@code status} subresource, applied first:
 *
 * <ul>
 *   <li>Create stores the object with {@code metadata.generation = 1}, a {@code uid}, a {@code creationTimestamp} and
 *       a {@code resourceVersion}, and drops any {@code status} sent with it. Creating an existing name is 409.
 *   <li>A normal update ({@code update()}, PUT) or patch ({@code patch} with JSON merge patch, {@code edit} with JSON
 *       patch) never changes {@code status}: what the client sends there is ignored, as on a real server.
 *   <li>A write through {@code /status} ({@code updateStatus}, {@code patchStatus}, {@code editStatus}) changes only
 *       {@code status}: spec, labels or annotations sent with it are ignored, and {@code metadata.generation} stays.
 *   <li>{@code metadata.generation} is bumped by spec changes only; metadata changes (labels, annotations,
 *       finalizers) and status changes bump only {@code resourceVersion}. A write that changes nothing keeps the
 *       {@code resourceVersion}.
 *   <li>A stale {@code resourceVersion} gets 409 Conflict from {@code update()}, from a merge patch that carries it
 *       and from {@code patchStatus}. A write without {@code resourceVersion} is unconditional.
 *   <li><b>Divergence:</b> {@code updateStatus} (PUT to {@code /status}) with a stale {@code resourceVersion} is
 *       accepted and overwrites the status, where a real API server answers 409. Test conflict handling of status
 *       writes with {@code patchStatus}, and do not rely on the test server to catch lost status updates.
 *   <li>Delete of an object with finalizers only sets {@code deletionTimestamp}; removing the last finalizer then
 *       deletes it.
 *   <li>Watches and informers see adds, updates and deletes; equality label selectors work; a custom kind is found
 *       by {@code genericKubernetesResources(apiVersion, kind)} (API discovery) once its CRD is applied.
 *   <li>Without the {@code status} subresource in the CRD, {@code status} is an ordinary field, written by create
 *       and update.
 * </ul>
 *
 * <p>Unlike a real API server it does <em>not</em>: validate objects against the CRD's OpenAPI schema, prune unknown
 * fields or apply schema defaults (what a test writes is what it reads back); honour set-based label selectors
 * ({@code in}, {@code notin}, {@code exists}: ignored with a warning in the log, so everything matches); do
 * server-side apply or strategic merge patch (both 415 Unsupported Media Type); garbage-collect by owner
 * references or run any controller (a Deployment never gets Pods), having no controllers at all. Code under test must
 * not depend on any of these.
 */
public final class KubernetesServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KubernetesServerExtension.class);
    private static final String KEY = "server";
    private static final Set<Class<?>> INJECTABLE = Set.of(
            KubernetesClient.class,
            NamespacedKubernetesClient.class,
            KubernetesServer.class,
            KubernetesMockServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        OwnedServer owned = store.get(KEY, OwnedServer.class);
        if (owned != null && owned.owner().equals(context.getUniqueId())) {
            store.remove(KEY);
            owned.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return INJECTABLE.contains(parameterContext.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        KubernetesServer server = server(extensionContext);
        Class<?> type = parameterContext.getParameter().getType();
        if (type == KubernetesServer.class) {
            return server;
        }
        if (type == KubernetesMockServer.class) {
            return server.getKubernetesMockServer();
        }
        return server.getClient();
    }

    /**
     * Starts a CRUD-mode server on the loopback address and an ephemeral port, and applies CRDs to it.
     *
     * @param kineticCrds whether to apply Kinetic's CRDs ({@value KineticCrds#FOLDER})
     * @param crdFolders further classpath folders whose CRDs are applied after Kinetic's
     * @return the started server; the caller stops it with {@link KubernetesServer#after()}
     */
    public static KubernetesServer startServer(boolean kineticCrds, List<String> crdFolders) {
        KubernetesServer server = new KubernetesServer(false, true, InetAddress.getLoopbackAddress(), 0, List.of());
        server.before();
        GroupAwareAttributes.install(server.getKubernetesMockServer());
        try {
            if (kineticCrds) {
                KineticCrds.load().applyTo(server.getClient());
            }
            for (String folder : crdFolders) {
                KineticCrds.load(folder).applyTo(server.getClient());
            }
            return server;
        } catch (RuntimeException e) {
            server.after();
            throw e;
        }
    }

    private static KubernetesServer server(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext
                .getStore(NAMESPACE)
                .computeIfAbsent(KEY, key -> start(classContext), OwnedServer.class)
                .server();
    }

    private static OwnedServer start(ExtensionContext classContext) {
        WithKineticApi settings = settings(classContext.getRequiredTestClass());
        boolean kineticCrds = settings == null || settings.kineticCrds();
        List<String> folders = settings == null ? List.of() : List.of(settings.crdFolders());
        return new OwnedServer(classContext.getUniqueId(), startServer(kineticCrds, folders));
    }

    /** The {@link WithKineticApi} of the test class or of the nearest enclosing class that has one. */
    private static WithKineticApi settings(Class<?> testClass) {
        for (Class<?> current = testClass; current != null; current = current.getEnclosingClass()) {
            Optional<WithKineticApi> found = AnnotationSupport.findAnnotation(current, WithKineticApi.class);
            if (found.isPresent()) {
                return found.get();
            }
        }
        return null;
    }

    /** The context of the innermost test class around {@code context} (itself for class-level contexts). */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** A server and the unique id of the class context that started it, which alone may stop it. */
    private record OwnedServer(String owner, KubernetesServer server) implements AutoCloseable {
        @Override
        public void close() {
            server.after();
        }
    }
}
