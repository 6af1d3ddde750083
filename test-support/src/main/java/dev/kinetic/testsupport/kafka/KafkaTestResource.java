package dev.kinetic.testsupport.kafka;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Quarkus test resource that runs an {@link InProcessKafka} broker for the test's application and points the
 * application at it, in place of Kafka dev services (which need Docker).
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(value = KafkaTestResource.class,
 *         initArgs = @ResourceArg(name = KafkaTestResource.TOPICS, value = "orders:3,audit"))
 * class OrdersResourceTest { ... }
 * }</pre>
 *
 * <p>It returns this configuration, which has precedence over {@code application.properties}:
 *
 * <ul>
 *   <li>{@code kafka.bootstrap.servers}: the broker (read by the Kafka client extension and by SmallRye Kafka);
 *   <li>{@code mp.messaging.connector.smallrye-kafka.bootstrap.servers}: the same, for every Kafka channel;
 *   <li>{@code quarkus.kafka.devservices.enabled=false}.
 * </ul>
 *
 * <p>Init arguments: {@value #TOPICS}, a comma-separated list of {@code name} or {@code name:partitions} topics to
 * create before the application starts (1 partition if not given).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: topics to create, e.g. {@code orders:3,audit}. */
    public static final String TOPICS = "topics";

    private Map<String, Integer> topics = Map.of();
    private InProcessKafka kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        topics = parseTopics(initArgs.getOrDefault(TOPICS, ""));
    }

    @Override
    public Map<String, String> start() {
        kafka = InProcessKafka.start();
        topics.forEach(kafka::createTopic);
        return configFor(kafka.bootstrapServers());
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
    }

    /**
     * The broker while the resource is started, for subclasses that need more than the returned configuration.
     *
     * @return the running broker, or {@code null} before {@link #start()} and after {@link #stop()}
     */
    protected InProcessKafka kafka() {
        return kafka;
    }

    /**
     * The configuration that points a Quarkus application at {@code bootstrapServers}.
     *
     * @param bootstrapServers the broker's {@code bootstrap.servers}
     * @return the configuration keys listed in the class documentation
     */
    static Map<String, String> configFor(String bootstrapServers) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrapServers);
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    /**
     * Parses the {@value #TOPICS} init argument.
     *
     * @param spec for example {@code "orders:3, audit"}
     * @return topic names to partition counts, in the given order
     */
    static Map<String, Integer> parseTopics(String spec) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String name = colon < 0 ? trimmed : trimmed.substring(0, colon).trim();
            int partitions = 1;
            if (colon >= 0) {
                String count = trimmed.substring(colon + 1).trim();
                try {
                    partitions = Integer.parseInt(count);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "Bad partition count '" + count + "' for topic '" + name + "' in " + TOPICS + "=" + spec,
                            e);
                }
            }
            if (name.isEmpty() || partitions < 1) {
                throw new IllegalArgumentException("Bad topic '" + trimmed + "' in " + TOPICS + "=" + spec);
            }
            if (parsed.put(name, partitions) != null) {
                throw new IllegalArgumentException("Topic '" + name + "' listed twice in " + TOPICS + "=" + spec);
            }
        }
        return parsed;
    }
}
