package dev.kinetic.testsupport.kube;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated JUnit test class (not a {@code @QuarkusTest}) against the fabric8 Kubernetes mock server in
 * CRUD mode, with Kinetic's CRDs ({@link KineticCrds}) applied: one server per test class, started before {@code
 * @BeforeAll} methods and stopped after {@code @AfterAll} methods.
 *
 * <p>Declare a parameter of one of these types on the constructor, a lifecycle method or a test method:
 *
 * <ul>
 *   <li>{@link io.fabric8.kubernetes.client.KubernetesClient} or {@link
 *       io.fabric8.kubernetes.client.NamespacedKubernetesClient}: a client of the server, default namespace {@code
 *       test};
 *   <li>{@link io.quarkus.test.kubernetes.client.KubernetesServer}: the server, the same type Quarkus tests get;
 *   <li>{@link io.fabric8.kubernetes.client.server.mock.KubernetesMockServer}: the underlying fabric8 server.
 * </ul>
 *
 * <p>Stored objects are shared by all the tests of the class, so each test should use its own names or namespace.
 * See {@link KubernetesServerExtension} for what this server does and does not do like a real API server.
 *
 * <p>{@link #crdFolders()} adds CRDs of the test's own from other classpath folders.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubernetesServerExtension.class)
public @interface WithKineticApi {

    /**
     * Classpath folders whose CRDs are applied after Kinetic's own.
     *
     * @return folders such as {@code test-crds}; none by default
     */
    String[] crdFolders() default {};

    /**
     * Whether Kinetic's CRDs (classpath folder {@value KineticCrds#FOLDER}) are applied. Turn off only for a server
     * that must start empty, for example to test CRD installation itself.
     *
     * @return {@code true} by default
     */
    boolean kineticCrds() default true;
}
