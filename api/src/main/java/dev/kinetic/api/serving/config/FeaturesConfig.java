package dev.kinetic.api.serving.config;

import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code config-features} ConfigMap: which optional PodSpec fields and behaviours are switched on. Each flag is
 * {@code enabled}, {@code disabled} or {@code allowed}; for validation, allowed counts as enabled.
 */
public record FeaturesConfig(Map<String, Flag> flags) {

    public static final String NAME = "config-features";

    /** A flag's state. */
    public enum Flag {
        ENABLED,
        DISABLED,
        ALLOWED
    }

    public static final String MULTI_CONTAINER = "multi-container";
    public static final String MULTI_CONTAINER_PROBING = "multi-container-probing";
    public static final String AFFINITY = "kubernetes.podspec-affinity";
    public static final String TOPOLOGY_SPREAD = "kubernetes.podspec-topologyspreadconstraints";
    public static final String HOST_ALIASES = "kubernetes.podspec-hostaliases";
    public static final String NODE_SELECTOR = "kubernetes.podspec-nodeselector";
    public static final String TOLERATIONS = "kubernetes.podspec-tolerations";
    public static final String RUNTIME_CLASS = "kubernetes.podspec-runtimeclassname";
    public static final String POD_SECURITY_CONTEXT = "kubernetes.podspec-securitycontext";
    public static final String SHARE_PROCESS_NAMESPACE = "kubernetes.podspec-shareprocessnamespace";
    public static final String PRIORITY_CLASS = "kubernetes.podspec-priorityclassname";
    public static final String SCHEDULER_NAME = "kubernetes.podspec-schedulername";
    public static final String INIT_CONTAINERS = "kubernetes.podspec-init-containers";
    public static final String DNS_POLICY = "kubernetes.podspec-dnspolicy";
    public static final String DNS_CONFIG = "kubernetes.podspec-dnsconfig";
    public static final String HOST_IPC = "kubernetes.podspec-hostipc";
    public static final String HOST_PID = "kubernetes.podspec-hostpid";
    public static final String HOST_NETWORK = "kubernetes.podspec-hostnetwork";
    public static final String FIELD_REF = "kubernetes.podspec-fieldref";
    public static final String ADD_CAPABILITIES = "kubernetes.containerspec-addcapabilities";
    public static final String PVC = "kubernetes.podspec-persistent-volume-claim";
    public static final String PVC_WRITE = "kubernetes.podspec-persistent-volume-write";
    public static final String EMPTY_DIR = "kubernetes.podspec-volumes-emptydir";
    public static final String HOST_PATH = "kubernetes.podspec-volumes-hostpath";
    public static final String CSI = "kubernetes.podspec-volumes-csi";
    public static final String EPHEMERAL = "kubernetes.podspec-volumes-ephemeral";
    public static final String IMAGE_VOLUME = "kubernetes.podspec-volumes-image";
    public static final String MOUNT_PROPAGATION = "kubernetes.podspec-volumes-mount-propagation";
    public static final String TAG_HEADER_ROUTING = "tag-header-based-routing";

    /** Knative's shipped state of every flag we know. */
    public static final Map<String, Flag> DEFAULTS = defaultsMap();

    private static Map<String, Flag> defaultsMap() {
        Map<String, Flag> m = new TreeMap<>();
        for (String key : new String[] {
            MULTI_CONTAINER_PROBING,
            AFFINITY,
            TOPOLOGY_SPREAD,
            HOST_ALIASES,
            NODE_SELECTOR,
            TOLERATIONS,
            RUNTIME_CLASS,
            POD_SECURITY_CONTEXT,
            SHARE_PROCESS_NAMESPACE,
            PRIORITY_CLASS,
            SCHEDULER_NAME,
            INIT_CONTAINERS,
            DNS_POLICY,
            DNS_CONFIG,
            HOST_IPC,
            HOST_PID,
            HOST_NETWORK,
            FIELD_REF,
            ADD_CAPABILITIES,
            PVC,
            PVC_WRITE,
            HOST_PATH,
            CSI,
            EPHEMERAL,
            IMAGE_VOLUME,
            MOUNT_PROPAGATION,
            TAG_HEADER_ROUTING
        }) {
            m.put(key, Flag.DISABLED);
        }
        m.put(MULTI_CONTAINER, Flag.ENABLED);
        m.put(EMPTY_DIR, Flag.ENABLED);
        return Map.copyOf(m);
    }

    public static FeaturesConfig defaults() {
        return new FeaturesConfig(DEFAULTS);
    }

    /** The parsed config and any errors; on errors callers keep their last good config. */
    public record Parsed(FeaturesConfig config, Errors errors) {}

    /** Reads the flags; keys we do not know are kept (a later release may know them), bad values are errors. */
    public static Parsed fromMap(Map<String, String> data) {
        Map<String, Flag> flags = new TreeMap<>(DEFAULTS);
        Errors errors = Errors.none();
        if (data != null) {
            data.forEach((key, value) -> {
                if (key.startsWith("_")) {
                    return; // Knative's _example block
                }
                try {
                    flags.put(key, Flag.valueOf(value.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.invalid(value, key, "expected enabled, disabled or allowed"));
                }
            });
        }
        return new Parsed(new FeaturesConfig(Map.copyOf(flags)), errors);
    }

    /** True when the flag is enabled or allowed. */
    public boolean on(String flag) {
        Flag f = flags.getOrDefault(flag, Flag.DISABLED);
        return f == Flag.ENABLED || f == Flag.ALLOWED;
    }

    /** A copy with one flag changed, for tests and for callers layering overrides. */
    public FeaturesConfig with(String flag, Flag state) {
        Map<String, Flag> m = new TreeMap<>(flags);
        m.put(flag, state);
        return new FeaturesConfig(Map.copyOf(m));
    }
}
