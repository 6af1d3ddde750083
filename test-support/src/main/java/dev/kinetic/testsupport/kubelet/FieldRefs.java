package dev.kinetic.testsupport.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet hands it over: plain values as written, {@code valueFrom.fieldRef}
 * resolved from the pod (the downward API). Variables from ConfigMaps, Secrets or resource fields, and {@code
 * envFrom}, are not supported and left out.
 */
final class FieldRefs {
    private static final Pattern MAP_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private FieldRefs() {}

    /**
     * @param podIp the pod's address ({@code status.podIP})
     * @param hostIp the node's address ({@code status.hostIP})
     */
    static Map<String, String> env(Container container, Pod pod, String podIp, String hostIp) {
        Map<String, String> env = new LinkedHashMap<>();
        if (container.getEnv() == null) {
            return env;
        }
        for (EnvVar v : container.getEnv()) {
            if (v.getValueFrom() == null) {
                env.put(v.getName(), v.getValue() == null ? "" : v.getValue());
            } else if (v.getValueFrom().getFieldRef() != null) {
                resolve(v.getValueFrom().getFieldRef().getFieldPath(), pod, podIp, hostIp)
                        .ifPresent(value -> env.put(v.getName(), value));
            }
        }
        return env;
    }

    /** The value of a downward-API field path, or empty for a path the kubelet does not know. */
    static Optional<String> resolve(String path, Pod pod, String podIp, String hostIp) {
        if (path == null) {
            return Optional.empty();
        }
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        String value =
                switch (path) {
                    case "metadata.name" -> meta.getName();
                    case "metadata.namespace" -> meta.getNamespace();
                    case "metadata.uid" -> meta.getUid();
                    case "status.podIP", "status.podIPs" -> podIp;
                    case "status.hostIP", "status.hostIPs" -> hostIp;
                    case "spec.nodeName" -> spec == null ? null : spec.getNodeName();
                    case "spec.serviceAccountName" -> spec == null ? null : spec.getServiceAccountName();
                    default -> mapKey(path, pod);
                };
        return Optional.ofNullable(value);
    }

    private static String mapKey(String path, Pod pod) {
        Matcher m = MAP_KEY.matcher(path);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> map = "labels".equals(m.group(1))
                ? pod.getMetadata().getLabels()
                : pod.getMetadata().getAnnotations();
        return map == null ? "" : map.getOrDefault(m.group(2), "");
    }
}
