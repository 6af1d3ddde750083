package dev.kinetic.api.crd;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinetic.api.KindInfo;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every class of ours that Jackson (de)serialises when reading or writing the kinds: the kinds themselves and all
 * types reachable from their spec and status. A native image needs them registered for reflection; the GraalVM
 * configuration shipped in this jar ({@code META-INF/native-image/dev.kinetic/kinetic-api/reflect-config.json}) is
 * generated from this list and checked by a test, like the CRDs.
 */
public final class ModelClasses {
    private static final ObjectMapper INTROSPECTION = new ObjectMapper();

    private ModelClasses() {}

    /** Our classes reachable from {@code kinds}, sorted by name. */
    public static Set<Class<?>> reachableFrom(Collection<KindInfo> kinds) {
        Set<Class<?>> found = new TreeSet<>(Comparator.comparing(Class::getName));
        Deque<JavaType> pending = new ArrayDeque<>();
        kinds.forEach(k -> pending.add(INTROSPECTION.constructType(k.type())));
        while (!pending.isEmpty()) {
            JavaType type = pending.pop();
            if (type.isContainerType()) {
                if (type.getKeyType() != null) {
                    pending.add(type.getKeyType());
                }
                pending.add(type.getContentType());
                continue;
            }
            Class<?> raw = type.getRawClass();
            if (!raw.getName().startsWith("dev.kinetic.api.") || !found.add(raw)) {
                continue;
            }
            for (Class<?> c = raw.getSuperclass(); c != null; c = c.getSuperclass()) {
                if (c.getName().startsWith("dev.kinetic.api.")) {
                    pending.add(INTROSPECTION.constructType(c));
                }
            }
            for (BeanPropertyDefinition p :
                    INTROSPECTION.getSerializationConfig().introspect(type).findProperties()) {
                pending.add(p.getPrimaryType());
            }
        }
        return found;
    }

    /** GraalVM reflection configuration for {@code classes}: constructors, methods and fields. */
    public static ArrayNode reflectConfig(Set<Class<?>> classes) {
        ArrayNode config = JsonNodeFactory.instance.arrayNode();
        for (Class<?> c : classes) {
            ObjectNode entry = config.addObject();
            entry.put("name", c.getName());
            entry.put("allDeclaredConstructors", true);
            entry.put("allDeclaredMethods", true);
            entry.put("allDeclaredFields", true);
        }
        return config;
    }
}
