package dev.kinetic.api.crd;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kinetic.api.KindInfo;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives a CustomResourceDefinition from a model class, so the CRDs we ship cannot drift from the Java model
 * (a test in {@code deploy} compares this output with {@code deploy/crds/}).
 *
 * <p>Schema rules: every field of our own classes is typed. Kubernetes types are typed for the parts a Knative user
 * edits most (containers, their ports, env and mounts); the other PodSpec-sized parts (probes, resources, volumes,
 * affinity, template metadata…) are objects with {@code x-kubernetes-preserve-unknown-fields}, as Knative's own
 * CRDs do, and are checked by our admission validation. A type that contains itself (nested filters) is typed at
 * its first level and preserved below.
 */
public final class CrdGenerator {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper INTROSPECTION = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
    private static final Set<Class<?>> TYPED_KUBERNETES =
            Set.of(Container.class, ContainerPort.class, EnvVar.class, VolumeMount.class);

    private CrdGenerator() {}

    /** The CRD of {@code kind} as a JSON tree ({@code apiextensions.k8s.io/v1}). */
    public static ObjectNode crd(KindInfo kind) {
        ObjectNode crd = JSON.objectNode();
        crd.put("apiVersion", "apiextensions.k8s.io/v1");
        crd.put("kind", "CustomResourceDefinition");
        ObjectNode metadata = crd.putObject("metadata");
        metadata.put("name", kind.crdName());
        ObjectNode labels = metadata.putObject("labels");
        kind.labels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> labels.put(e.getKey(), e.getValue()));

        ObjectNode spec = crd.putObject("spec");
        spec.put("group", kind.group());
        ObjectNode names = spec.putObject("names");
        names.put("kind", kind.kind());
        names.put("listKind", kind.kind() + "List");
        names.put("plural", kind.plural());
        names.put("singular", kind.singular());
        if (!kind.shortNames().isEmpty()) {
            ArrayNode shortNames = names.putArray("shortNames");
            kind.shortNames().forEach(shortNames::add);
        }
        if (!kind.categories().isEmpty()) {
            ArrayNode categories = names.putArray("categories");
            kind.categories().forEach(categories::add);
        }
        spec.put("scope", "Namespaced");

        ObjectNode version = spec.putArray("versions").addObject();
        version.put("name", kind.version());
        version.put("served", true);
        version.put("storage", true);
        version.putObject("subresources").putObject("status");
        ArrayNode columns = version.putArray("additionalPrinterColumns");
        for (KindInfo.PrinterColumn column : kind.columns()) {
            ObjectNode c = columns.addObject();
            c.put("name", column.name());
            c.put("type", column.type());
            c.put("jsonPath", column.jsonPath());
            if (column.description() != null) {
                c.put("description", column.description());
            }
        }
        version.putObject("schema").set("openAPIV3Schema", rootSchema(kind));
        return crd;
    }

    /** The CRD of {@code kind} as YAML, stable byte for byte for the same model. */
    public static String crdYaml(KindInfo kind) {
        try {
            return YAML.writeValueAsString(crd(kind));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The openAPIV3Schema of {@code kind}: apiVersion, kind, metadata, and the typed spec and status. */
    public static ObjectNode rootSchema(KindInfo kind) {
        JavaType crType = INTROSPECTION.constructType(kind.type());
        JavaType[] params = crType.findTypeParameters(CustomResource.class);
        ObjectNode root = JSON.objectNode();
        root.put("description", kind.description());
        root.put("type", "object");
        ObjectNode properties = root.putObject("properties");
        properties.putObject("apiVersion").put("type", "string");
        properties.putObject("kind").put("type", "string");
        properties.putObject("metadata").put("type", "object");
        Deque<Class<?>> stack = new ArrayDeque<>();
        if (params[0].getRawClass() != Void.class) {
            properties.set("spec", schema(params[0], stack));
        }
        if (params[1].getRawClass() != Void.class) {
            properties.set("status", schema(params[1], stack));
        }
        return root;
    }

    private static ObjectNode schema(JavaType type, Deque<Class<?>> stack) {
        Class<?> raw = type.getRawClass();
        ObjectNode s = JSON.objectNode();
        if (raw == String.class) {
            s.put("type", "string");
        } else if (raw == Integer.class || raw == int.class || raw == Short.class || raw == short.class) {
            s.put("type", "integer").put("format", "int32");
        } else if (raw == Long.class || raw == long.class) {
            s.put("type", "integer").put("format", "int64");
        } else if (raw == Boolean.class || raw == boolean.class) {
            s.put("type", "boolean");
        } else if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
            s.put("type", "number");
        } else if (raw == IntOrString.class || raw == Quantity.class) {
            s.put("x-kubernetes-int-or-string", true);
        } else if (type.isMapLikeType()) {
            s.put("type", "object");
            s.set("additionalProperties", schema(type.getContentType(), stack));
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            s.put("type", "array");
            s.set("items", schema(type.getContentType(), stack));
        } else if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || stack.contains(raw)) {
            s.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        } else if (raw.getPackageName().startsWith("io.fabric8") && !TYPED_KUBERNETES.contains(raw)) {
            s.put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
        } else {
            s.put("type", "object");
            stack.push(raw);
            ObjectNode properties = s.putObject("properties");
            for (BeanPropertyDefinition p : properties(type)) {
                properties.set(p.getName(), schema(p.getPrimaryType(), stack));
            }
            stack.pop();
        }
        return s;
    }

    private static List<BeanPropertyDefinition> properties(JavaType type) {
        BeanDescription description = INTROSPECTION.getSerializationConfig().introspect(type);
        return description.findProperties().stream()
                .filter(BeanPropertyDefinition::couldSerialize)
                .sorted(Comparator.comparing(BeanPropertyDefinition::getName))
                .toList();
    }
}
