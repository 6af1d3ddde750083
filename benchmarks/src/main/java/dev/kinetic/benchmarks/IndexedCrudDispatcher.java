package dev.kinetic.benchmarks;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fabric8's CRUD dispatcher with its stored objects indexed by name. Out of the box, every create, update and status
 * write looks its object up by scanning everything stored, so filling the server with 10,000 revisions' worth of
 * objects (about 60,000) takes quadratic time: about 40 s for the first 10,000 objects, and half an hour for 60,000.
 * With the index, a lookup scans only the objects of that name (one per kind), and filling it is linear. Lists, watches
 * and reads by name still scan, as before.
 */
final class IndexedCrudDispatcher extends KubernetesCrudDispatcher {
    private final ByName stored = new ByName();

    IndexedCrudDispatcher() {
        try {
            // The map is final and built by CrudDispatcher's constructor; every method reads it from the field.
            field(CrudDispatcher.class, "map").set(this, Collections.synchronizedMap(stored));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot index the CRUD dispatcher of this fabric8 version", e);
        }
    }

    /**
     * Puts a fresh indexed dispatcher in place of the started server's CRUD dispatcher; it must run before anything
     * is stored (the server builds its dispatcher itself and offers no way to pass one).
     */
    static void install(KubernetesMockServer server) {
        try {
            Object webServer = field(server.getClass(), "server").get(server);
            Object mixed = field(webServer.getClass(), "dispatcher").get(webServer);
            field(KubernetesMixedDispatcher.class, "kubernetesCrudDispatcher").set(mixed, new IndexedCrudDispatcher());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot replace the CRUD dispatcher of this fabric8 version", e);
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
    public Map.Entry<AttributeSet, String> findResource(AttributeSet query) {
        Attribute name = query.getAttribute(KubernetesAttributesExtractor.NAME);
        if (name == null) {
            return super.findResource(query);
        }
        for (AttributeSet key : stored.named(name)) {
            if (key.matches(query)) {
                String value = stored.get(key);
                return value == null ? null : Map.entry(key, value);
            }
        }
        return null;
    }

    /** The dispatcher's map, keeping the keys of each name aside as they are put and removed. */
    private static final class ByName extends LinkedHashMap<AttributeSet, String> {
        private final Map<Attribute, Set<AttributeSet>> byName = new HashMap<>();

        synchronized List<AttributeSet> named(Attribute name) {
            Set<AttributeSet> keys = byName.get(name);
            return keys == null ? List.of() : new ArrayList<>(keys);
        }

        @Override
        public synchronized String put(AttributeSet key, String value) {
            Attribute name = key.getAttribute(KubernetesAttributesExtractor.NAME);
            if (name != null) {
                byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(key);
            }
            return super.put(key, value);
        }

        @Override
        public synchronized String remove(Object key) {
            if (key instanceof AttributeSet set) {
                Attribute name = set.getAttribute(KubernetesAttributesExtractor.NAME);
                Set<AttributeSet> keys = name == null ? null : byName.get(name);
                if (keys != null) {
                    keys.remove(set);
                    if (keys.isEmpty()) {
                        byName.remove(name);
                    }
                }
            }
            return super.remove(key);
        }

        @Override
        public synchronized void clear() {
            byName.clear();
            super.clear();
        }
    }
}
