package dev.kinetic.eventing.core.kafka;

import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.kafka.PartitionKeyExtensionInterceptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka client properties of the eventing data plane: pure functions from a few inputs and the operator's
 * overrides (which win over every default) to a property map for {@code KafkaProducer} or {@code KafkaConsumer}.
 *
 * <p><b>Producer</b> (receivers, reply producers): {@code acks=all} and idempotence, so a {@code 202} means the
 * event is on every in-sync replica exactly once per send even across retries; values through the CloudEvents
 * SDK's {@link CloudEventSerializer} in binary mode ({@code ce_} headers) or structured mode ({@code
 * application/cloudevents+json}); {@link PartitionKeyExtensionInterceptor} turns the {@code partitionkey} extension
 * into the record key, so that events with one key share a partition and keep their order; {@code linger.ms=0} (an
 * ingress request waits for its ack, batching would add latency); {@code request.timeout.ms=2000} and {@code
 * delivery.timeout.ms=120000} as Knative's data plane has them; at most 5 requests in flight per connection, the
 * most idempotence allows with ordering kept.
 *
 * <p><b>Consumer</b> (dispatchers): no auto-commit (the dispatcher commits what it has finished); {@code
 * auto.offset.reset=latest}, as Knative: a new Trigger starts at the end of its Broker's topic rather than
 * replaying the topic's whole history to a new subscriber. The price is that events produced between the creation
 * of the group and its first assignment are not seen; a control plane that must not lose them commits the topic's
 * end offsets for the new group before it reports the Trigger ready, or sets {@link #EARLIEST} in the overrides.
 * Keys as strings, values as bytes (the dispatcher decodes each record itself so that one bad record is discarded,
 * not a poll failure); {@code max.poll.records=50}; session and heartbeat 10 s / 3 s as Knative; the cooperative
 * sticky assignor, so that a rebalance revokes only the partitions that move.
 */
public final class KafkaSettings {

    /** The records a poll returns at most, and so the default number of records in flight. */
    public static final int MAX_POLL_RECORDS = 50;

    /** {@code auto.offset.reset} for a consumer group that must see the topic's existing records. */
    public static final String EARLIEST = "earliest";

    /** The default {@code auto.offset.reset} of a dispatcher's group (see the class comment). */
    public static final String LATEST = "latest";

    private KafkaSettings() {}

    /**
     * Producer properties with binary-mode CloudEvents.
     *
     * @param bootstrapServers the {@code bootstrap.servers} list
     * @param overrides properties that replace or complete the defaults
     * @return a new mutable map for {@code new KafkaProducer<String, CloudEvent>(map)}
     */
    public static Map<String, Object> producer(String bootstrapServers, Map<String, String> overrides) {
        return producer(bootstrapServers, Encoding.BINARY, overrides);
    }

    /**
     * Producer properties.
     *
     * @param bootstrapServers the {@code bootstrap.servers} list
     * @param encoding how events are written: {@link Encoding#BINARY} or {@link Encoding#STRUCTURED} (JSON)
     * @param overrides properties that replace or complete the defaults
     * @return a new mutable map for {@code new KafkaProducer<String, CloudEvent>(map)}
     * @throws IllegalArgumentException if {@code delivery.timeout.ms} is below {@code linger.ms + request.timeout.ms},
     *     which the producer would refuse at construction with a less helpful message
     */
    public static Map<String, Object> producer(
            String bootstrapServers, Encoding encoding, Map<String, String> overrides) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(encoding, "encoding");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG, "use_all_dns_ips");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class.getName());
        config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, PartitionKeyExtensionInterceptor.class.getName());
        config.put(CloudEventSerializer.ENCODING_CONFIG, encoding.name());
        if (encoding == Encoding.STRUCTURED) {
            config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        }
        config.putAll(overrides == null ? Map.of() : overrides);
        long linger = longValue(config, ProducerConfig.LINGER_MS_CONFIG);
        long request = longValue(config, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        long delivery = longValue(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        if (delivery < linger + request) {
            throw new IllegalArgumentException(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG + "=" + delivery
                    + " must be at least " + ProducerConfig.LINGER_MS_CONFIG + " + "
                    + ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG + " = " + (linger + request));
        }
        return config;
    }

    /**
     * Consumer properties of a dispatcher's consumer group.
     *
     * @param bootstrapServers the {@code bootstrap.servers} list
     * @param groupId the consumer group
     * @param overrides properties that replace or complete the defaults
     * @return a new mutable map for {@code new KafkaConsumer<String, byte[]>(map)}
     */
    public static Map<String, Object> consumer(String bootstrapServers, String groupId, Map<String, String> overrides) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG, "use_all_dns_ips");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, LATEST);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(MAX_POLL_RECORDS));
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, "300000");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.putAll(overrides == null ? Map.of() : overrides);
        return config;
    }

    /** {@code key}'s value as a number, or {@code fallback} when the map does not set it. */
    static long longValue(Map<String, Object> config, String key, long fallback) {
        return config.get(key) == null ? fallback : longValue(config, key);
    }

    private static long longValue(Map<String, Object> config, String key) {
        Object value = config.get(key);
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of milliseconds, got '" + value + "'", e);
        }
    }
}
