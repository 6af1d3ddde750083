package dev.kinetic.api.serving.v1;

import static dev.kinetic.api.apis.Errors.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Diffs;
import dev.kinetic.api.apis.Durations;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.apis.Names;
import dev.kinetic.api.autoscaling.v1alpha1.AutoscalingAnnotations;
import dev.kinetic.api.serving.config.DefaultsConfig;
import dev.kinetic.api.serving.config.FeaturesConfig;
import dev.kinetic.api.serving.config.ServingConfig;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Knative's admission validation of the serving kinds (serving.md §1.7): every rejection, each with the field path
 * from the resource root, so the webhook can name every failing field at once. Pure functions.
 */
public final class ServingValidation {
    private ServingValidation() {}

    /** Ports the queue-proxy and activator listen on inside a revision pod. */
    public static final Set<Integer> RESERVED_PORTS = Set.of(8012, 8013, 8022, 9090, 9091, 8008);
    /** Environment variables the platform sets in every container. */
    public static final Set<String> RESERVED_ENV = Set.of("K_SERVICE", "K_CONFIGURATION", "K_REVISION");

    public static final Set<String> RESERVED_MOUNT_PATHS = Set.of("/", "/dev", "/dev/log");
    public static final String QUEUE_PROXY_CONTAINER = "queue-proxy";
    private static final Set<String> PORT_NAMES = Set.of("", "h2c", "http1");
    private static final int DEFAULT_USER_PORT = 8080;

    /** Volume sources admitted, each with the config-features flag that gates it (null: always allowed). */
    private static final Map<String, String> VOLUME_SOURCES = volumeSources();

    private static Map<String, String> volumeSources() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("secret", null);
        m.put("configMap", null);
        m.put("projected", null);
        m.put("emptyDir", FeaturesConfig.EMPTY_DIR);
        m.put("persistentVolumeClaim", FeaturesConfig.PVC);
        m.put("hostPath", FeaturesConfig.HOST_PATH);
        m.put("csi", FeaturesConfig.CSI);
        m.put("ephemeral", FeaturesConfig.EPHEMERAL);
        m.put("image", FeaturesConfig.IMAGE_VOLUME);
        return m;
    }

    // ---------------------------------------------------------------- kinds

    public static Errors validate(Service service, ServingConfig config) {
        Errors errors = validateMetadata(service.getMetadata(), true);
        ServiceSpec spec = service.getSpec();
        if (spec == null) {
            return errors.add(FieldError.missing("spec"));
        }
        errors.via("spec.template", validateTemplate(spec.getTemplate(), service.getMetadata(), config));
        if (spec.getTraffic() != null) {
            errors.via("spec", validateTraffic(spec.getTraffic(), true));
        }
        return errors;
    }

    public static Errors validateUpdate(Service previous, Service updated, ServingConfig config) {
        Errors errors = validate(updated, config);
        errors.addAll(validateCreatorUnchanged(previous.getMetadata(), updated.getMetadata()));
        if (previous.getSpec() != null && updated.getSpec() != null) {
            errors.via(
                    "spec",
                    validateTemplateNameChange(
                            previous.getSpec().getTemplate(), updated.getSpec().getTemplate()));
        }
        return errors;
    }

    public static Errors validate(Configuration configuration, ServingConfig config) {
        Errors errors = validateMetadata(configuration.getMetadata(), true);
        if (configuration.getSpec() == null) {
            return errors.add(FieldError.missing("spec"));
        }
        return errors.via(
                "spec.template",
                validateTemplate(configuration.getSpec().getTemplate(), configuration.getMetadata(), config));
    }

    public static Errors validateUpdate(Configuration previous, Configuration updated, ServingConfig config) {
        Errors errors = validate(updated, config);
        errors.addAll(validateCreatorUnchanged(previous.getMetadata(), updated.getMetadata()));
        if (previous.getSpec() != null && updated.getSpec() != null) {
            errors.via(
                    "spec",
                    validateTemplateNameChange(
                            previous.getSpec().getTemplate(), updated.getSpec().getTemplate()));
        }
        return errors;
    }

    public static Errors validate(Revision revision, ServingConfig config) {
        Errors errors = validateMetadata(revision.getMetadata(), false);
        if (revision.getMetadata() != null) {
            errors.via(
                    "metadata.annotations",
                    AutoscalingAnnotations.validate(revision.getMetadata().getAnnotations(), config.autoscaler()));
        }
        if (revision.getSpec() == null) {
            return errors.add(FieldError.missing("spec"));
        }
        return errors.via("spec", validateRevisionSpec(revision.getSpec(), config));
    }

    /** A Revision's spec never changes after creation. */
    public static Errors validateUpdate(Revision previous, Revision updated, ServingConfig config) {
        Errors errors = validate(updated, config);
        JsonNode before = Manifests.toTree(previous.getSpec());
        JsonNode after = Manifests.toTree(updated.getSpec());
        if (!before.equals(after)) {
            errors.add(FieldError.immutable("spec", Diffs.describe(before, after)));
        }
        return errors;
    }

    public static Errors validate(Route route, ServingConfig config) {
        Errors errors = validateMetadata(route.getMetadata(), true);
        if (route.getSpec() != null && route.getSpec().getTraffic() != null) {
            errors.via("spec", validateTraffic(route.getSpec().getTraffic(), false));
        }
        return errors;
    }

    // ---------------------------------------------------------------- metadata

    /**
     * Name rules, and for top-level kinds the annotations that only make sense on a template or are immutable.
     *
     * @param topLevel Service, Configuration or Route: autoscaling annotations are misplaced there
     */
    static Errors validateMetadata(ObjectMeta meta, boolean topLevel) {
        Errors errors = Errors.none();
        if (meta == null || (isEmpty(meta.getName()) && isEmpty(meta.getGenerateName()))) {
            return errors.add(FieldError.of("name or generateName is required", "metadata.name"));
        }
        if (!isEmpty(meta.getName())) {
            Names.dns1035Label(meta.getName())
                    .ifPresent(why -> errors.add(FieldError.invalid(meta.getName(), "metadata.name", why)));
        }
        Map<String, String> annotations = meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
        if (topLevel) {
            annotations.keySet().stream()
                    .filter(k -> k.startsWith(Knative.AUTOSCALING_PREFIX))
                    .sorted()
                    .forEach(k -> errors.add(new FieldError(
                            "invalid key name \"" + k + "\"",
                            List.of("metadata.annotations"),
                            "autoscaling annotations must be put under `spec.template.metadata.annotations` to work")));
            String rollout = annotations.get(Knative.ROLLOUT_DURATION_ANNOTATION);
            if (rollout != null) {
                var d = Durations.parseGo(rollout);
                if (d.isEmpty() || d.get().isNegative() || d.get().getNano() != 0) {
                    errors.add(FieldError.invalid(
                            rollout,
                            "metadata.annotations." + Knative.ROLLOUT_DURATION_ANNOTATION,
                            "expected a non-negative whole-second duration such as 120s"));
                }
            }
        }
        String visibility = meta.getLabels() == null ? null : meta.getLabels().get(Knative.VISIBILITY_LABEL);
        if (visibility != null && !visibility.equals(Knative.VISIBILITY_CLUSTER_LOCAL)) {
            errors.add(FieldError.invalid(
                    visibility,
                    "metadata.labels." + Knative.VISIBILITY_LABEL,
                    "the only allowed value is cluster-local"));
        }
        return errors;
    }

    static Errors validateCreatorUnchanged(ObjectMeta previous, ObjectMeta updated) {
        Errors errors = Errors.none();
        String before = previous == null || previous.getAnnotations() == null
                ? null
                : previous.getAnnotations().get(Knative.CREATOR_ANNOTATION);
        String after = updated == null || updated.getAnnotations() == null
                ? null
                : updated.getAnnotations().get(Knative.CREATOR_ANNOTATION);
        if (before != null && !before.equals(after)) {
            errors.add(FieldError.immutable(
                    "metadata.annotations." + Knative.CREATOR_ANNOTATION, "-" + before + "\n+" + after));
        }
        return errors;
    }

    // ---------------------------------------------------------------- template

    /** A revision template, paths relative to the template. */
    static Errors validateTemplate(RevisionTemplateSpec template, ObjectMeta parent, ServingConfig config) {
        Errors errors = Errors.none();
        if (template == null) {
            return errors.add(FieldError.missing(""));
        }
        ObjectMeta meta = template.getMetadata();
        if (meta != null && !isEmpty(meta.getName())) {
            String name = meta.getName();
            String parentName = parent == null ? null : parent.getName();
            if (isEmpty(parentName)) {
                errors.add(new FieldError(
                        "must not set the field(s)",
                        List.of("metadata.name"),
                        "a revision name cannot be chosen when the parent is created with generateName"));
            } else if (!name.startsWith(parentName + "-")) {
                errors.add(FieldError.of(
                        "invalid value: \"" + name + "\" must have prefix \"" + parentName + "-\"", "metadata.name"));
            }
            Names.dns1035Label(name).ifPresent(why -> errors.add(FieldError.invalid(name, "metadata.name", why)));
        }
        if (meta != null) {
            errors.via(
                    "metadata.annotations",
                    AutoscalingAnnotations.validate(meta.getAnnotations(), config.autoscaler()));
        }
        if (template.getSpec() == null) {
            return errors.add(FieldError.missing("spec.containers"));
        }
        return errors.via("spec", validateRevisionSpec(template.getSpec(), config));
    }

    /**
     * With a bring-your-own revision name, any template change must come with a new name (the old name already
     * names an immutable revision).
     */
    static Errors validateTemplateNameChange(RevisionTemplateSpec previous, RevisionTemplateSpec updated) {
        Errors errors = Errors.none();
        String before = previous == null || previous.getMetadata() == null
                ? null
                : previous.getMetadata().getName();
        String after = updated == null || updated.getMetadata() == null
                ? null
                : updated.getMetadata().getName();
        if (isEmpty(after) || !after.equals(before)) {
            return errors;
        }
        JsonNode a = Manifests.toTree(previous);
        JsonNode b = Manifests.toTree(updated);
        if (!a.equals(b)) {
            errors.add(new FieldError(
                    "Saw the following changes without a name change (-old +new)",
                    List.of("template.metadata.name"),
                    Diffs.describe(a, b)));
        }
        return errors;
    }

    // ---------------------------------------------------------------- revision spec

    /** A RevisionSpec, paths relative to the spec. */
    public static Errors validateRevisionSpec(RevisionSpec spec, ServingConfig config) {
        Errors errors = Errors.none();
        DefaultsConfig d = config.defaults();
        FeaturesConfig f = config.features();
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        if (containers.isEmpty()) {
            errors.add(FieldError.missing("containers"));
        } else if (containers.size() > 1 && !f.on(FeaturesConfig.MULTI_CONTAINER)) {
            errors.add(FieldError.of(
                    "multi-container is off, but found " + containers.size() + " containers", "containers"));
        }
        errors.addAll(validatePorts(containers));

        Map<String, Volume> volumes = new HashMap<>();
        errors.addAll(validateVolumes(spec.getVolumes(), volumes, f));
        Set<String> mounted = new HashSet<>();
        Container serving = spec.servingContainer().orElse(null);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container c = containers.get(i);
            if (!isEmpty(c.getName()) && !names.add(c.getName())) {
                errors.add(FieldError.invalid(
                        c.getName(), index("containers", i) + ".name", "container names must be unique"));
            }
            errors.via(index("containers", i), validateContainer(c, c == serving, volumes, mounted, f));
        }
        List<Container> inits = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        if (!inits.isEmpty() && !f.on(FeaturesConfig.INIT_CONTAINERS)) {
            errors.add(FieldError.disallowed("initContainers"));
        } else {
            for (int i = 0; i < inits.size(); i++) {
                errors.via(index("initContainers", i), validateInitContainer(inits.get(i), volumes, mounted, f));
            }
        }
        List<Volume> declared = spec.getVolumes() == null ? List.of() : spec.getVolumes();
        for (int i = 0; i < declared.size(); i++) {
            String name = declared.get(i).getName();
            if (!isEmpty(name) && !mounted.contains(name)) {
                errors.add(
                        FieldError.of("volume with name \"" + name + "\" not mounted", index("volumes", i) + ".name"));
            }
        }
        errors.addAll(validateGatedPodFields(spec, f));
        if (spec.getServiceAccountName() != null
                && !spec.getServiceAccountName().isEmpty()) {
            Names.dns1123Subdomain(spec.getServiceAccountName())
                    .ifPresent(why ->
                            errors.add(FieldError.invalid(spec.getServiceAccountName(), "serviceAccountName", why)));
        }

        long max = d.maxRevisionTimeoutSeconds();
        Long timeout = spec.getTimeoutSeconds();
        if (timeout != null && (timeout < 0 || timeout > max)) {
            errors.add(FieldError.outOfBounds(timeout, 0, max, "timeoutSeconds"));
        }
        long effectiveTimeout = timeout == null || timeout == 0 ? d.revisionTimeoutSeconds() : timeout;
        Long responseStart = spec.getResponseStartTimeoutSeconds();
        if (responseStart != null && (responseStart < 0 || responseStart > effectiveTimeout)) {
            errors.add(FieldError.outOfBounds(responseStart, 0, effectiveTimeout, "responseStartTimeoutSeconds"));
        }
        Long idle = spec.getIdleTimeoutSeconds();
        if (idle != null && (idle < 0 || idle > max)) {
            errors.add(FieldError.outOfBounds(idle, 0, max, "idleTimeoutSeconds"));
        }
        Long cc = spec.getContainerConcurrency();
        long ccMin = d.allowContainerConcurrencyZero() ? 0 : 1;
        if (cc != null && (cc < ccMin || cc > d.containerConcurrencyMaxLimit())) {
            errors.add(FieldError.outOfBounds(cc, ccMin, d.containerConcurrencyMaxLimit(), "containerConcurrency"));
        }
        return errors;
    }

    /** Exactly one port across all containers may be declared; with several containers, one must declare it. */
    private static Errors validatePorts(List<Container> containers) {
        Errors errors = Errors.none();
        List<String> withPorts = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < containers.size(); i++) {
            List<ContainerPort> ports = containers.get(i).getPorts();
            if (ports != null && !ports.isEmpty()) {
                count += ports.size();
                withPorts.add(index("containers", i) + ".ports");
            }
        }
        if (count == 0 && containers.size() > 1) {
            errors.add(new FieldError(
                    "missing field(s)",
                    List.of("containers[*].ports"),
                    "with several containers, the one that receives requests must declare its port"));
        } else if (count > 1) {
            errors.add(new FieldError(
                    "more than one container port is set",
                    withPorts,
                    "Only a single port is allowed across all containers"));
        }
        return errors;
    }

    private static Errors validateVolumes(List<Volume> volumes, Map<String, Volume> byName, FeaturesConfig f) {
        Errors errors = Errors.none();
        if (volumes == null) {
            return errors;
        }
        for (int i = 0; i < volumes.size(); i++) {
            String path = index("volumes", i);
            Volume v = volumes.get(i);
            if (isEmpty(v.getName())) {
                errors.add(FieldError.missing(path + ".name"));
            } else if (byName.putIfAbsent(v.getName(), v) != null) {
                errors.add(FieldError.of("duplicate volume name \"" + v.getName() + "\"", path + ".name"));
            } else {
                Names.dns1123Label(v.getName())
                        .ifPresent(why -> errors.add(FieldError.invalid(v.getName(), path + ".name", why)));
            }
            JsonNode tree = Manifests.toTree(v);
            List<String> sources = new ArrayList<>();
            tree.fieldNames().forEachRemaining(name -> {
                if (!name.equals("name")) {
                    sources.add(name);
                }
            });
            for (String source : sources) {
                if (!VOLUME_SOURCES.containsKey(source)) {
                    errors.add(FieldError.disallowed(path + "." + source));
                } else if (VOLUME_SOURCES.get(source) != null && !f.on(VOLUME_SOURCES.get(source))) {
                    errors.add(new FieldError(
                            "must not set the field(s)",
                            List.of(path + "." + source),
                            "enable it with the " + VOLUME_SOURCES.get(source) + " flag in config-features"));
                }
            }
            if (sources.isEmpty()) {
                errors.add(FieldError.missingOneOf(VOLUME_SOURCES.keySet().stream()
                        .map(s -> path + "." + s)
                        .toArray(String[]::new)));
            } else if (sources.size() > 1) {
                errors.add(FieldError.multipleOneOf(
                        sources.stream().map(s -> path + "." + s).toArray(String[]::new)));
            }
        }
        return errors;
    }

    private static Errors validateContainer(
            Container c, boolean serving, Map<String, Volume> volumes, Set<String> mounted, FeaturesConfig f) {
        Errors errors = validateCommonContainerFields(c, volumes, mounted, f);
        if (c.getLifecycle() != null) {
            errors.add(FieldError.disallowed("lifecycle"));
        }
        int userPort = DEFAULT_USER_PORT;
        String portName = "";
        List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
        for (int i = 0; i < ports.size(); i++) {
            ContainerPort p = ports.get(i);
            String path = index("ports", i);
            if (p.getContainerPort() != null) {
                int port = p.getContainerPort();
                if (port < 0 || port > 65535) {
                    errors.add(FieldError.outOfBounds(port, 0, 65535, path + ".containerPort"));
                } else if (RESERVED_PORTS.contains(port)) {
                    errors.add(FieldError.invalid(
                            port + " is a reserved port",
                            path + ".containerPort",
                            port + " is a reserved port, please use a different value"));
                } else if (port != 0) {
                    userPort = port;
                }
            }
            String name = p.getName() == null ? "" : p.getName();
            if (!PORT_NAMES.contains(name)) {
                errors.add(FieldError.invalid(name, path + ".name", "port name must be empty, h2c or http1"));
            } else {
                portName = name;
            }
            if (p.getProtocol() != null
                    && !p.getProtocol().isEmpty()
                    && !p.getProtocol().equals("TCP")) {
                errors.add(FieldError.invalid(p.getProtocol(), path + ".protocol", "only TCP is supported"));
            }
            if (p.getHostPort() != null && p.getHostPort() != 0) {
                errors.add(FieldError.disallowed(path + ".hostPort"));
            }
            if (!isEmpty(p.getHostIP())) {
                errors.add(FieldError.disallowed(path + ".hostIP"));
            }
        }
        List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
        for (int i = 0; i < env.size(); i++) {
            String name = env.get(i).getName();
            if (RESERVED_ENV.contains(name) || (serving && "PORT".equals(name))) {
                errors.add(FieldError.invalid(
                        name + " is a reserved environment variable",
                        index("env", i) + ".name",
                        "the platform sets " + name + " itself"));
            }
        }
        errors.addAll(validateProbe(c.getReadinessProbe(), "readinessProbe", serving, userPort, portName, true));
        errors.addAll(validateProbe(c.getLivenessProbe(), "livenessProbe", serving, userPort, portName, false));
        errors.addAll(validateProbe(c.getStartupProbe(), "startupProbe", serving, userPort, portName, false));
        return errors;
    }

    private static Errors validateInitContainer(
            Container c, Map<String, Volume> volumes, Set<String> mounted, FeaturesConfig f) {
        Errors errors = validateCommonContainerFields(c, volumes, mounted, f);
        for (String field : new String[] {"lifecycle", "livenessProbe", "readinessProbe", "startupProbe"}) {
            if (Manifests.toTree(c).has(field)) {
                errors.add(FieldError.disallowed(field));
            }
        }
        return errors;
    }

    /** Name, image, forbidden interactive fields, env sources, mounts, resources and security context. */
    private static Errors validateCommonContainerFields(
            Container c, Map<String, Volume> volumes, Set<String> mounted, FeaturesConfig f) {
        Errors errors = Errors.none();
        if (QUEUE_PROXY_CONTAINER.equals(c.getName())) {
            errors.add(FieldError.invalid(c.getName(), "name", "queue-proxy is a reserved container name"));
        } else if (!isEmpty(c.getName())) {
            Names.dns1123Label(c.getName()).ifPresent(why -> errors.add(FieldError.invalid(c.getName(), "name", why)));
        }
        if (isEmpty(c.getImage())) {
            errors.add(FieldError.missing("image"));
        }
        if (Boolean.TRUE.equals(c.getStdin())) {
            errors.add(FieldError.disallowed("stdin"));
        }
        if (Boolean.TRUE.equals(c.getStdinOnce())) {
            errors.add(FieldError.disallowed("stdinOnce"));
        }
        if (Boolean.TRUE.equals(c.getTty())) {
            errors.add(FieldError.disallowed("tty"));
        }
        if (c.getVolumeDevices() != null && !c.getVolumeDevices().isEmpty()) {
            errors.add(FieldError.disallowed("volumeDevices"));
        }
        List<EnvVar> env = c.getEnv() == null ? List.of() : c.getEnv();
        for (int i = 0; i < env.size(); i++) {
            EnvVar e = env.get(i);
            String path = index("env", i);
            if (isEmpty(e.getName())) {
                errors.add(FieldError.missing(path + ".name"));
            }
            if (e.getValueFrom() != null && !f.on(FeaturesConfig.FIELD_REF)) {
                if (e.getValueFrom().getFieldRef() != null) {
                    errors.add(FieldError.disallowed(path + ".valueFrom.fieldRef"));
                }
                if (e.getValueFrom().getResourceFieldRef() != null) {
                    errors.add(FieldError.disallowed(path + ".valueFrom.resourceFieldRef"));
                }
            }
        }
        errors.addAll(validateMounts(c.getVolumeMounts(), volumes, mounted, f));
        if (c.getResources() != null) {
            checkQuantities(errors, c.getResources().getRequests(), "resources.requests");
            checkQuantities(errors, c.getResources().getLimits(), "resources.limits");
        }
        errors.via("securityContext", validateSecurityContext(c.getSecurityContext(), f));
        return errors;
    }

    private static Errors validateMounts(
            List<VolumeMount> mounts, Map<String, Volume> volumes, Set<String> mounted, FeaturesConfig f) {
        Errors errors = Errors.none();
        if (mounts == null) {
            return errors;
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < mounts.size(); i++) {
            VolumeMount m = mounts.get(i);
            String path = index("volumeMounts", i);
            if (isEmpty(m.getName())) {
                errors.add(FieldError.missing(path + ".name"));
            } else if (!volumes.containsKey(m.getName())) {
                errors.add(FieldError.invalid(
                        m.getName(), path + ".name", "no volume with this name is declared in volumes"));
            } else {
                mounted.add(m.getName());
                Volume v = volumes.get(m.getName());
                if (v.getPersistentVolumeClaim() != null
                        && !f.on(FeaturesConfig.PVC_WRITE)
                        && !Boolean.TRUE.equals(m.getReadOnly())) {
                    errors.add(FieldError.of(
                            "Persistent volume write support is disabled, but found persistent volume claim "
                                    + v.getPersistentVolumeClaim().getClaimName() + " that is not read-only",
                            path + ".readOnly"));
                }
            }
            String mountPath = m.getMountPath();
            if (isEmpty(mountPath)) {
                errors.add(FieldError.missing(path + ".mountPath"));
            } else if (!mountPath.startsWith("/")) {
                errors.add(FieldError.invalid(mountPath, path + ".mountPath", "must be an absolute path"));
            } else if (RESERVED_MOUNT_PATHS.contains(
                    mountPath.replaceAll("/+$", "").isEmpty() ? "/" : mountPath.replaceAll("/+$", ""))) {
                errors.add(FieldError.invalid(
                        mountPath, path + ".mountPath", "mountPath \"" + mountPath + "\" is a reserved path"));
            } else if (!paths.add(mountPath)) {
                errors.add(FieldError.invalid(mountPath, path + ".mountPath", "mountPath must be unique"));
            }
            if (m.getMountPropagation() != null && !f.on(FeaturesConfig.MOUNT_PROPAGATION)) {
                errors.add(FieldError.disallowed(path + ".mountPropagation"));
            }
        }
        return errors;
    }

    private static Errors validateSecurityContext(SecurityContext sc, FeaturesConfig f) {
        Errors errors = Errors.none();
        if (sc == null) {
            return errors;
        }
        checkId(errors, sc.getRunAsUser(), "runAsUser");
        checkId(errors, sc.getRunAsGroup(), "runAsGroup");
        Capabilities caps = sc.getCapabilities();
        if (caps != null
                && caps.getAdd() != null
                && !caps.getAdd().isEmpty()
                && !f.on(FeaturesConfig.ADD_CAPABILITIES)) {
            errors.add(FieldError.disallowed("capabilities.add"));
        }
        JsonNode tree = Manifests.toTree(sc);
        for (String field :
                new String[] {"privileged", "procMount", "seLinuxOptions", "windowsOptions", "appArmorProfile"}) {
            if (tree.has(field)) {
                errors.add(FieldError.disallowed(field));
            }
        }
        return errors;
    }

    private static void checkId(Errors errors, Long id, String path) {
        if (id != null && (id < 0 || id > Integer.MAX_VALUE)) {
            errors.add(FieldError.outOfBounds(id, 0, Integer.MAX_VALUE, path));
        }
    }

    private static void checkQuantities(Errors errors, Map<String, Quantity> quantities, String path) {
        if (quantities == null) {
            return;
        }
        quantities.forEach((name, q) -> {
            try {
                Quantity.getAmountInBytes(q);
            } catch (RuntimeException e) {
                errors.add(FieldError.invalid(q.toString(), path + "." + name, "expected a resource quantity"));
            }
        });
    }

    /**
     * A probe has exactly one handler. On the serving container a probe port, when given, must be the container's
     * port (by number or name); other containers' probes must name their port. A readiness probe without a period
     * is probed aggressively by queue-proxy, so thresholds and timeouts make no sense on it.
     */
    private static Errors validateProbe(
            Probe p, String path, boolean serving, int userPort, String portName, boolean readiness) {
        Errors errors = Errors.none();
        if (p == null) {
            return errors;
        }
        Map<String, Object> handlers = new LinkedHashMap<>();
        handlers.put("httpGet", p.getHttpGet());
        handlers.put("tcpSocket", p.getTcpSocket());
        handlers.put("exec", p.getExec());
        handlers.put("grpc", p.getGrpc());
        List<String> set = handlers.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> path + "." + e.getKey())
                .toList();
        if (set.isEmpty()) {
            errors.add(FieldError.missingOneOf(
                    handlers.keySet().stream().map(h -> path + "." + h).toArray(String[]::new)));
        } else if (set.size() > 1) {
            errors.add(FieldError.multipleOneOf(set.toArray(String[]::new)));
        }
        IntOrString port = p.getHttpGet() != null
                ? p.getHttpGet().getPort()
                : p.getTcpSocket() != null ? p.getTcpSocket().getPort() : null;
        String portPath = path + (p.getHttpGet() != null ? ".httpGet.port" : ".tcpSocket.port");
        if (p.getGrpc() != null) {
            port = p.getGrpc().getPort() == null
                    ? null
                    : new IntOrString(p.getGrpc().getPort());
            portPath = path + ".grpc.port";
        }
        if (serving && port != null) {
            if (port.getStrVal() != null && !port.getStrVal().equals(portName)) {
                errors.add(FieldError.invalid(port.getStrVal(), portPath, "Probe port must match container port"));
            } else if (port.getIntVal() != null && port.getIntVal() != 0 && port.getIntVal() != userPort) {
                errors.add(FieldError.invalid(port.getIntVal(), portPath, "Probe port must match container port"));
            }
        } else if (!serving && (p.getHttpGet() != null || p.getTcpSocket() != null || p.getGrpc() != null)) {
            boolean explicit =
                    port != null && ((port.getIntVal() != null && port.getIntVal() > 0) || !isEmpty(port.getStrVal()));
            if (!explicit) {
                errors.add(new FieldError(
                        "missing field(s)", List.of(portPath), "sidecar probes must name the port they check"));
            }
        }
        boolean aggressive = readiness && (p.getPeriodSeconds() == null || p.getPeriodSeconds() == 0);
        if (aggressive) {
            if (p.getFailureThreshold() != null && p.getFailureThreshold() != 0) {
                errors.add(FieldError.of(
                        "failureThreshold is disallowed when periodSeconds is zero", path + ".failureThreshold"));
            }
            if (p.getTimeoutSeconds() != null && p.getTimeoutSeconds() != 0) {
                errors.add(FieldError.of(
                        "timeoutSeconds is disallowed when periodSeconds is zero", path + ".timeoutSeconds"));
            }
        } else {
            checkMin(errors, p.getTimeoutSeconds(), 1, path + ".timeoutSeconds");
            checkMin(errors, p.getFailureThreshold(), 1, path + ".failureThreshold");
            checkMin(errors, p.getPeriodSeconds(), 0, path + ".periodSeconds");
        }
        checkMin(errors, p.getSuccessThreshold(), 1, path + ".successThreshold");
        checkMin(errors, p.getInitialDelaySeconds(), 0, path + ".initialDelaySeconds");
        return errors;
    }

    private static void checkMin(Errors errors, Integer value, int min, String path) {
        if (value != null && value < min) {
            errors.add(FieldError.outOfBounds(value, min, Integer.MAX_VALUE, path));
        }
    }

    /** The PodSpec fields Knative admits without a flag, and its own RevisionSpec fields. */
    private static final Set<String> ALWAYS_ALLOWED = Set.of(
            "containers",
            "volumes",
            "serviceAccountName",
            "imagePullSecrets",
            "enableServiceLinks",
            "automountServiceAccountToken",
            "containerConcurrency",
            "timeoutSeconds",
            "responseStartTimeoutSeconds",
            "idleTimeoutSeconds");

    /**
     * Knative's PodSpec field mask: fields outside it are rejected, and fields behind a config-features flag are
     * rejected unless the flag is on.
     */
    private static Errors validateGatedPodFields(RevisionSpec spec, FeaturesConfig f) {
        Errors errors = Errors.none();
        Map<String, Object> gated = new LinkedHashMap<>();
        gated.put(FeaturesConfig.AFFINITY, spec.getAffinity());
        gated.put(FeaturesConfig.TOPOLOGY_SPREAD, spec.getTopologySpreadConstraints());
        gated.put(FeaturesConfig.HOST_ALIASES, spec.getHostAliases());
        gated.put(FeaturesConfig.NODE_SELECTOR, spec.getNodeSelector());
        gated.put(FeaturesConfig.TOLERATIONS, spec.getTolerations());
        gated.put(FeaturesConfig.RUNTIME_CLASS, spec.getRuntimeClassName());
        gated.put(FeaturesConfig.POD_SECURITY_CONTEXT, spec.getSecurityContext());
        gated.put(FeaturesConfig.SHARE_PROCESS_NAMESPACE, spec.getShareProcessNamespace());
        gated.put(FeaturesConfig.PRIORITY_CLASS, spec.getPriorityClassName());
        gated.put(FeaturesConfig.SCHEDULER_NAME, spec.getSchedulerName());
        gated.put(FeaturesConfig.DNS_POLICY, spec.getDnsPolicy());
        gated.put(FeaturesConfig.DNS_CONFIG, spec.getDnsConfig());
        gated.put(FeaturesConfig.HOST_IPC, spec.getHostIPC());
        gated.put(FeaturesConfig.HOST_PID, spec.getHostPID());
        gated.put(FeaturesConfig.HOST_NETWORK, spec.getHostNetwork());
        Map<String, String> fieldOf = Map.ofEntries(
                Map.entry(FeaturesConfig.AFFINITY, "affinity"),
                Map.entry(FeaturesConfig.TOPOLOGY_SPREAD, "topologySpreadConstraints"),
                Map.entry(FeaturesConfig.HOST_ALIASES, "hostAliases"),
                Map.entry(FeaturesConfig.NODE_SELECTOR, "nodeSelector"),
                Map.entry(FeaturesConfig.TOLERATIONS, "tolerations"),
                Map.entry(FeaturesConfig.RUNTIME_CLASS, "runtimeClassName"),
                Map.entry(FeaturesConfig.POD_SECURITY_CONTEXT, "securityContext"),
                Map.entry(FeaturesConfig.SHARE_PROCESS_NAMESPACE, "shareProcessNamespace"),
                Map.entry(FeaturesConfig.PRIORITY_CLASS, "priorityClassName"),
                Map.entry(FeaturesConfig.SCHEDULER_NAME, "schedulerName"),
                Map.entry(FeaturesConfig.DNS_POLICY, "dnsPolicy"),
                Map.entry(FeaturesConfig.DNS_CONFIG, "dnsConfig"),
                Map.entry(FeaturesConfig.HOST_IPC, "hostIPC"),
                Map.entry(FeaturesConfig.HOST_PID, "hostPID"),
                Map.entry(FeaturesConfig.HOST_NETWORK, "hostNetwork"));
        Set<String> gatedFields = new HashSet<>(fieldOf.values());
        Manifests.toTree(spec).fieldNames().forEachRemaining(field -> {
            if (!ALWAYS_ALLOWED.contains(field) && !gatedFields.contains(field) && !field.equals("initContainers")) {
                errors.add(FieldError.disallowed(field));
            }
        });
        gated.forEach((flag, value) -> {
            boolean set = value != null
                    && !(value instanceof List<?> l && l.isEmpty())
                    && !(value instanceof Map<?, ?> m && m.isEmpty());
            if (set && !f.on(flag)) {
                errors.add(new FieldError(
                        "must not set the field(s)",
                        List.of(fieldOf.get(flag)),
                        "enable it with the " + flag + " flag in config-features"));
            }
        });
        return errors;
    }

    // ---------------------------------------------------------------- traffic

    /**
     * Traffic targets, paths starting at {@code traffic}. In a Service a target cannot name a configuration: the
     * Service's own is implied.
     */
    public static Errors validateTraffic(List<TrafficTarget> traffic, boolean inService) {
        Errors errors = Errors.none();
        long sum = 0;
        Map<String, Integer> tags = new HashMap<>();
        for (int i = 0; i < traffic.size(); i++) {
            TrafficTarget t = traffic.get(i);
            String path = index("traffic", i);
            boolean hasRevision = !isEmpty(t.getRevisionName());
            boolean hasConfiguration = !isEmpty(t.getConfigurationName());
            if (inService && hasConfiguration) {
                errors.add(FieldError.disallowed(path + ".configurationName"));
            } else if (!inService && hasRevision && hasConfiguration) {
                errors.add(FieldError.multipleOneOf(path + ".revisionName", path + ".configurationName"));
            } else if (!inService && !hasRevision && !hasConfiguration) {
                errors.add(FieldError.missingOneOf(path + ".revisionName", path + ".configurationName"));
            }
            if (hasRevision) {
                Names.dns1123Subdomain(t.getRevisionName())
                        .ifPresent(why ->
                                errors.add(FieldError.invalid(t.getRevisionName(), path + ".revisionName", why)));
            }
            if (t.getLatestRevision() != null) {
                if (t.getLatestRevision() && hasRevision) {
                    errors.add(FieldError.of(
                            "may not set revisionName when latestRevision is true", path + ".latestRevision"));
                } else if (!t.getLatestRevision() && !hasRevision) {
                    errors.add(FieldError.of(
                            "must set revisionName when latestRevision is false", path + ".latestRevision"));
                }
            }
            if (t.getPercent() != null) {
                if (t.getPercent() < 0 || t.getPercent() > 100) {
                    errors.add(FieldError.outOfBounds(t.getPercent(), 0, 100, path + ".percent"));
                }
                sum += t.getPercent();
            }
            if (t.getUrl() != null) {
                errors.add(FieldError.disallowed(path + ".url"));
            }
            if (t.getTag() != null) {
                Names.dns1035Label(t.getTag())
                        .ifPresent(why -> errors.add(FieldError.invalid(t.getTag(), path + ".tag", why)));
                Integer previous = tags.putIfAbsent(t.getTag(), i);
                if (previous != null) {
                    errors.add(FieldError.of(
                            "Multiple definitions for \"" + t.getTag() + "\"",
                            index("traffic", previous) + ".tag",
                            path + ".tag"));
                }
            }
        }
        if (!traffic.isEmpty() && sum != 100) {
            errors.add(FieldError.of("Traffic targets sum to " + sum + ", want 100", "traffic"));
        }
        return errors;
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }
}
