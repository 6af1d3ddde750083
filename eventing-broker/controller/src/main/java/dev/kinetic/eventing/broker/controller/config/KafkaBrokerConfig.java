package dev.kinetic.eventing.broker.controller.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A Broker's Kafka settings, read from the ConfigMap its {@code spec.config} names (Knative's
 * {@code kafka-broker-config}).
 *
 * @param bootstrapServers the Kafka bootstrap servers, comma separated
 * @param partitions the partitions of the broker's topic; {@code -1} lets Kafka choose
 * @param replicationFactor the replication factor of the broker's topic; {@code -1} lets Kafka choose
 * @param topicConfig topic-level settings passed through from {@code default.topic.config.*}, sorted by key
 */
public record KafkaBrokerConfig(
        String bootstrapServers, int partitions, short replicationFactor, Map<String, String> topicConfig) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String PARTITIONS = "default.topic.partitions";
    public static final String REPLICATION_FACTOR = "default.topic.replication.factor";
    public static final String TOPIC_CONFIG_PREFIX = "default.topic.config.";

    public KafkaBrokerConfig {
        topicConfig = topicConfig == null ? Map.of() : Map.copyOf(new TreeMap<>(topicConfig));
    }

    /**
     * The outcome of parsing: a config, or every problem found, each naming its key.
     *
     * @param config the configuration, present exactly when {@code errors} is empty
     * @param errors one message per problem
     */
    public record Parsed(Optional<KafkaBrokerConfig> config, List<String> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }

        /** The problems as one sentence for a condition message. */
        public String message() {
            return String.join("; ", errors);
        }
    }

    /**
     * Parses a ConfigMap's data. {@value #PARTITIONS} and {@value #REPLICATION_FACTOR} are required, as in Knative;
     * {@value #BOOTSTRAP_SERVERS} falls back to {@code defaultBootstrapServers}.
     *
     * @param data the ConfigMap's data, null for none
     * @param defaultBootstrapServers the controller's default, or null
     */
    public static Parsed fromMap(Map<String, String> data, String defaultBootstrapServers) {
        Map<String, String> values = data == null ? Map.of() : data;
        List<String> errors = new ArrayList<>();

        String servers = trimmed(values.get(BOOTSTRAP_SERVERS));
        if (servers.isEmpty()) {
            servers = trimmed(defaultBootstrapServers);
        }
        if (servers.isEmpty()) {
            errors.add("missing " + BOOTSTRAP_SERVERS);
        } else if (!validServers(servers)) {
            errors.add(BOOTSTRAP_SERVERS + " must be a comma-separated list of host:port, got \"" + servers + "\"");
        }
        Integer partitions = count(values, PARTITIONS, Integer.MAX_VALUE, errors);
        Integer replication = count(values, REPLICATION_FACTOR, Short.MAX_VALUE, errors);

        Map<String, String> topicConfig = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(TOPIC_CONFIG_PREFIX)) {
                String name = key.substring(TOPIC_CONFIG_PREFIX.length());
                if (name.isEmpty()) {
                    errors.add(key + " names no topic setting");
                } else {
                    topicConfig.put(name, trimmed(value));
                }
            }
        });
        if (!errors.isEmpty()) {
            return new Parsed(Optional.empty(), errors);
        }
        return new Parsed(
                Optional.of(new KafkaBrokerConfig(servers, partitions, (short) replication.intValue(), topicConfig)),
                List.of());
    }

    /** A positive count, or {@code -1} for Kafka's default. */
    private static Integer count(Map<String, String> values, String key, int max, List<String> errors) {
        String raw = trimmed(values.get(key));
        if (raw.isEmpty()) {
            errors.add("missing " + key);
            return null;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value == -1 || (value >= 1 && value <= max)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(
                key + " must be a whole number from 1 to " + max + " (or -1 for Kafka's default), got \"" + raw + "\"");
        return null;
    }

    private static boolean validServers(String servers) {
        for (String server : servers.split(",")) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || colon == s.length() - 1) {
                return false;
            }
            try {
                int port = Integer.parseInt(s.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    return false;
                }
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String trimmed(String s) {
        return s == null ? "" : s.trim();
    }
}
