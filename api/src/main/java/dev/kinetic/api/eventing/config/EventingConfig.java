package dev.kinetic.api.eventing.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kinetic.api.Knative;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.DuckValidation;
import dev.kinetic.api.duck.v1.KReference;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The eventing defaults the admission webhook applies, read from Knative's {@code config-br-defaults}
 * ({@code default-br-config}) and {@code default-ch-webhook} ({@code default-ch-config}) ConfigMaps.
 *
 * <p>A namespace entry overrides the cluster default field by field: a namespace that only names a broker class still
 * gets the cluster's broker config and delivery. Keys Kinetic does not model (such as Knative's newer
 * {@code brokerClasses}) are ignored, as Knative's own YAML decoding ignores unknown keys.
 *
 * @param clusterBroker what a Broker gets when its namespace has no entry
 * @param namespaceBrokers per-namespace broker defaults
 * @param clusterChannel the channel template a Channel gets when its namespace has no entry
 * @param namespaceChannels per-namespace channel templates
 */
public record EventingConfig(
        BrokerDefault clusterBroker,
        Map<String, BrokerDefault> namespaceBrokers,
        ChannelDefault clusterChannel,
        Map<String, ChannelDefault> namespaceChannels) {

    public static final String BROKER_DEFAULTS_CONFIG_MAP = "config-br-defaults";
    public static final String BROKER_DEFAULTS_KEY = "default-br-config";
    public static final String CHANNEL_DEFAULTS_CONFIG_MAP = "default-ch-webhook";
    public static final String CHANNEL_DEFAULTS_KEY = "default-ch-config";
    /** Where Kinetic's shared configuration lives, Knative's {@code knative-eventing}. */
    public static final String SYSTEM_NAMESPACE = "kinetic-system";

    public static final String KAFKA_BROKER_CONFIG_MAP = "kafka-broker-config";

    /**
     * Defaults for a Broker. Any part may be null: no class, no config or no delivery to default.
     *
     * @param brokerClass value for the {@code eventing.knative.dev/broker.class} annotation
     * @param config default {@code spec.config}
     * @param delivery default {@code spec.delivery}
     */
    public record BrokerDefault(String brokerClass, KReference config, DeliverySpec delivery) {
        /** A deep copy of the config reference, safe for a resource to own. */
        public KReference configCopy() {
            return config == null ? null : Manifests.copy(config, KReference.class);
        }

        /** A deep copy of the delivery, safe for a resource to own. */
        public DeliverySpec deliveryCopy() {
            return delivery == null ? null : Manifests.copy(delivery, DeliverySpec.class);
        }

        BrokerDefault over(BrokerDefault fallback) {
            return new BrokerDefault(
                    brokerClass != null ? brokerClass : fallback.brokerClass,
                    config != null ? config : fallback.config,
                    delivery != null ? delivery : fallback.delivery);
        }
    }

    /**
     * The channel a generic Channel is backed by.
     *
     * @param spec the backing channel's spec, or null
     */
    public record ChannelDefault(String apiVersion, String kind, JsonNode spec) {
        /** A deep copy of the spec, safe for a resource to own. */
        public ObjectNode specCopy() {
            return spec == null ? null : (ObjectNode) spec.deepCopy();
        }
    }

    /**
     * The outcome of parsing the ConfigMaps.
     *
     * @param config the parsed configuration, null when {@code errors} is not empty
     * @param errors every problem found, with paths starting at the ConfigMap key
     */
    public record Parsed(EventingConfig config, Errors errors) {
        public boolean isValid() {
            return errors.isEmpty();
        }
    }

    public EventingConfig {
        namespaceBrokers = Map.copyOf(namespaceBrokers);
        namespaceChannels = Map.copyOf(namespaceChannels);
    }

    /** Kinetic's shipped defaults: Kafka brokers configured by {@code kafka-broker-config}, KafkaChannel channels. */
    public static EventingConfig defaults() {
        return new EventingConfig(defaultBroker(), Map.of(), defaultChannel(), Map.of());
    }

    private static BrokerDefault defaultBroker() {
        KReference config = new KReference()
                .setApiVersion("v1")
                .setKind("ConfigMap")
                .setName(KAFKA_BROKER_CONFIG_MAP)
                .setNamespace(SYSTEM_NAMESPACE);
        return new BrokerDefault(Knative.KAFKA_BROKER_CLASS, config, null);
    }

    private static ChannelDefault defaultChannel() {
        return new ChannelDefault(Knative.MESSAGING_GROUP + "/v1beta1", "KafkaChannel", null);
    }

    /** The broker defaults that apply in {@code namespace}. */
    public BrokerDefault brokerDefault(String namespace) {
        BrokerDefault own = namespace == null ? null : namespaceBrokers.get(namespace);
        return own == null ? clusterBroker : own.over(clusterBroker);
    }

    /** The channel template that applies in {@code namespace}. */
    public ChannelDefault channelDefault(String namespace) {
        ChannelDefault own = namespace == null ? null : namespaceChannels.get(namespace);
        return own == null ? clusterChannel : own;
    }

    /**
     * Parses the data of {@code config-br-defaults} and {@code default-ch-webhook}. A null map, or a map without the
     * key, keeps the shipped defaults for that half.
     */
    public static Parsed fromMaps(Map<String, String> brokerDefaults, Map<String, String> channelDefaults) {
        Errors errors = Errors.none();
        EventingConfig shipped = defaults();
        BrokerDefault clusterBroker = shipped.clusterBroker;
        Map<String, BrokerDefault> namespaceBrokers = new LinkedHashMap<>();
        ChannelDefault clusterChannel = shipped.clusterChannel;
        Map<String, ChannelDefault> namespaceChannels = new LinkedHashMap<>();

        JsonNode br = readYaml(brokerDefaults, BROKER_DEFAULTS_KEY, errors);
        if (br != null) {
            if (br.has("clusterDefault")) {
                clusterBroker = parseBroker(br.get("clusterDefault"), errors, "clusterDefault");
            }
            for (Map.Entry<String, JsonNode> e : entries(br, "namespaceDefaults", errors, BROKER_DEFAULTS_KEY)) {
                namespaceBrokers.put(e.getKey(), parseBroker(e.getValue(), errors, "namespaceDefaults." + e.getKey()));
            }
        }
        JsonNode ch = readYaml(channelDefaults, CHANNEL_DEFAULTS_KEY, errors);
        if (ch != null) {
            if (ch.has("clusterDefault")) {
                clusterChannel = parseChannel(ch.get("clusterDefault"), errors, "clusterDefault");
            }
            for (Map.Entry<String, JsonNode> e : entries(ch, "namespaceDefaults", errors, CHANNEL_DEFAULTS_KEY)) {
                namespaceChannels.put(
                        e.getKey(), parseChannel(e.getValue(), errors, "namespaceDefaults." + e.getKey()));
            }
        }
        if (!errors.isEmpty()) {
            return new Parsed(null, errors);
        }
        return new Parsed(
                new EventingConfig(clusterBroker, namespaceBrokers, clusterChannel, namespaceChannels), errors);
    }

    private static JsonNode readYaml(Map<String, String> data, String key, Errors errors) {
        if (data == null || data.get(key) == null || data.get(key).isBlank()) {
            return null;
        }
        try {
            JsonNode tree = Manifests.readYamlTree(data.get(key));
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                return null;
            }
            if (!tree.isObject()) {
                errors.add(FieldError.invalid(data.get(key), key, "expected a YAML mapping"));
                return null;
            }
            return tree;
        } catch (UncheckedIOException e) {
            errors.add(FieldError.invalid(
                    data.get(key), key, "not YAML: " + e.getCause().getMessage()));
            return null;
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> entries(
            JsonNode root, String field, Errors errors, String key) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Map.<String, JsonNode>of().entrySet();
        }
        if (!node.isObject()) {
            errors.add(FieldError.invalid(
                    node.toString(), key + "." + field, "expected a mapping of namespace to defaults"));
            return Map.<String, JsonNode>of().entrySet();
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out.entrySet();
    }

    private static BrokerDefault parseBroker(JsonNode node, Errors errors, String path) {
        String at = BROKER_DEFAULTS_KEY + "." + path;
        if (node == null || !node.isObject()) {
            errors.add(FieldError.invalid(String.valueOf(node), at, "expected a mapping"));
            return null;
        }
        String brokerClass = text(node, "brokerClass");
        KReference config = null;
        if (node.has("name") || node.has("kind") || node.has("apiVersion")) {
            config = new KReference()
                    .setApiVersion(text(node, "apiVersion"))
                    .setKind(text(node, "kind"))
                    .setName(text(node, "name"))
                    .setNamespace(text(node, "namespace"));
            errors.via(at, DuckValidation.validate(config));
        }
        DeliverySpec delivery = null;
        if (node.hasNonNull("delivery")) {
            try {
                delivery = Manifests.convert(node.get("delivery"), DeliverySpec.class);
                errors.via(at + ".delivery", DuckValidation.validate(delivery));
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.invalid(node.get("delivery").toString(), at + ".delivery", e.getMessage()));
            }
        }
        return new BrokerDefault(brokerClass, config, delivery);
    }

    private static ChannelDefault parseChannel(JsonNode node, Errors errors, String path) {
        String at = CHANNEL_DEFAULTS_KEY + "." + path;
        if (node == null || !node.isObject()) {
            errors.add(FieldError.invalid(String.valueOf(node), at, "expected a mapping"));
            return null;
        }
        String apiVersion = text(node, "apiVersion");
        String kind = text(node, "kind");
        if (apiVersion == null || apiVersion.isBlank()) {
            errors.add(FieldError.missing(at + ".apiVersion"));
        }
        if (kind == null || kind.isBlank()) {
            errors.add(FieldError.missing(at + ".kind"));
        }
        JsonNode spec = node.get("spec");
        if (spec != null && !spec.isNull() && !spec.isObject()) {
            errors.add(FieldError.invalid(spec.toString(), at + ".spec", "expected a mapping"));
            spec = null;
        }
        return new ChannelDefault(apiVersion, kind, spec == null || spec.isNull() ? null : spec.deepCopy());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
