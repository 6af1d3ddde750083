package dev.kinetic.testsupport.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.server.mock.CustomResourceDefinitionProcessor;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.AttributeType;
import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the fabric8 CRUD test server tell API groups apart. Out of the box it stores objects under their plural,
 * namespace and name only, so a core {@code Service} and a Knative {@code Service} of one name in one namespace are
 * the same object to it (a real API server keeps them apart). This extractor adds one attribute, the API group
 * ({@value #CORE} for the core group), to every stored object and every request, so the two never match.
 *
 * <p>The dispatcher builds its extractor itself and offers no way to pass one, so {@link #install} swaps it in by
 * reflection; it must run before anything is stored.
 */
public final class GroupAwareAttributes extends KubernetesAttributesExtractor {
    static final String GROUP = "kinetic-api-group";
    static final String CORE = "core";
    private static final Pattern GROUP_PATH = Pattern.compile("^/apis/([^/]+)/");

    /** Installs the extractor into a started server's CRUD dispatcher. */
    public static void install(KubernetesMockServer server) {
        try {
            Object webServer = field(server.getClass(), "server").get(server);
            Object mixed = field(webServer.getClass(), "dispatcher").get(webServer);
            KubernetesCrudDispatcher crud = (KubernetesCrudDispatcher)
                    field(mixed.getClass(), "kubernetesCrudDispatcher").get(mixed);
            if (crud.getAttributeExtractor() instanceof GroupAwareAttributes) {
                return;
            }
            GroupAwareAttributes extractor = new GroupAwareAttributes();
            extractor.setCustomResourceDefinitionProcessor((CustomResourceDefinitionProcessor)
                    field(KubernetesCrudDispatcher.class, "crdProcessor").get(crud));
            field(KubernetesCrudDispatcher.class, "kubernetesAttributesExtractor")
                    .set(crud, extractor);
            field(io.fabric8.mockwebserver.crud.CrudDispatcher.class, "attributeExtractor")
                    .set(crud, extractor);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install the group-aware extractor in this fabric8 version", e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    @Override
    public AttributeSet fromPath(String path) {
        AttributeSet set = super.fromPath(path);
        return set.add(group(groupOfPath(path)));
    }

    @Override
    public AttributeSet fromResource(String json) {
        AttributeSet set = super.fromResource(json);
        Matcher m = Pattern.compile("\"apiVersion\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? set.add(group(groupOf(m.group(1)))) : set;
    }

    @Override
    public AttributeSet extract(HasMetadata resource) {
        AttributeSet set = super.extract(resource);
        return resource.getApiVersion() == null ? set : set.add(group(groupOf(resource.getApiVersion())));
    }

    private static Attribute group(String group) {
        return new Attribute(GROUP, group, AttributeType.WITH);
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? CORE : apiVersion.substring(0, slash);
    }

    private static String groupOfPath(String path) {
        Matcher m = GROUP_PATH.matcher(path);
        return m.find() ? m.group(1) : CORE;
    }
}
