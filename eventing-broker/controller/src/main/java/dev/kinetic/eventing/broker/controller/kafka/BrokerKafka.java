package dev.kinetic.eventing.broker.controller.kafka;

import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import dev.kinetic.eventing.broker.controller.config.KafkaBrokerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Kafka side of a Broker: its topic (created with the Broker's config, or the user's external topic checked) and,
 * on deletion, its topic and its Triggers' consumer groups. Every Kafka failure that is not an answer about the
 * topic or group itself is a {@link KafkaUnavailableException}.
 */
@ApplicationScoped
public class BrokerKafka {

    @Inject
    KafkaAdmins admins;

    @Inject
    BrokerControllerSettings settings;

    /** Creates {@code topic} as {@code config} says; a topic that already exists is fine and left as it is. */
    public void ensureTopic(KafkaBrokerConfig config, String topic) {
        NewTopic newTopic = new NewTopic(
                        topic,
                        config.partitions() < 0 ? Optional.empty() : Optional.of(config.partitions()),
                        config.replicationFactor() < 0 ? Optional.empty() : Optional.of(config.replicationFactor()))
                .configs(config.topicConfig());
        String servers = config.bootstrapServers();
        try {
            await(admins.admin(servers).createTopics(List.of(newTopic)).all(), servers, "create topic " + topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw unavailable(servers, "create topic " + topic, e.getCause());
            }
        }
    }

    /** Whether {@code topic} exists. */
    public boolean topicExists(String bootstrapServers, String topic) {
        try {
            await(
                    admins.admin(bootstrapServers)
                            .describeTopics(List.of(topic))
                            .allTopicNames(),
                    bootstrapServers,
                    "describe topic " + topic);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw unavailable(bootstrapServers, "describe topic " + topic, e.getCause());
        }
    }

    /** Deletes {@code topic}; one that does not exist is fine. */
    public void deleteTopic(String bootstrapServers, String topic) {
        try {
            await(
                    admins.admin(bootstrapServers).deleteTopics(List.of(topic)).all(),
                    bootstrapServers,
                    "delete topic " + topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw unavailable(bootstrapServers, "delete topic " + topic, e.getCause());
            }
        }
    }

    /**
     * Deletes consumer groups; groups that do not exist are fine.
     *
     * @return the groups that still have members (the dispatcher has not let go of them yet), to try again later
     */
    public List<String> deleteConsumerGroups(String bootstrapServers, Collection<String> groups) {
        if (groups.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<Void>> results =
                admins.admin(bootstrapServers).deleteConsumerGroups(groups).deletedGroups();
        List<String> busy = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            String what = "delete consumer group " + result.getKey();
            try {
                await(result.getValue(), bootstrapServers, what);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupNotEmptyException) {
                    busy.add(result.getKey());
                } else if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw unavailable(bootstrapServers, what, e.getCause());
                }
            }
        }
        return busy;
    }

    /** Waits for {@code future}; only the future's own failure is thrown as such, for the caller to classify. */
    private <T> T await(KafkaFuture<T> future, String servers, String what) throws ExecutionException {
        try {
            return future.get(settings.kafkaTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(servers, what, e);
        } catch (TimeoutException e) {
            throw unavailable(servers, what, e);
        }
    }

    private static KafkaUnavailableException unavailable(String servers, String what, Throwable cause) {
        String detail = cause == null || cause.getMessage() == null
                ? String.valueOf(cause)
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new KafkaUnavailableException("cannot " + what + " on Kafka at " + servers + ": " + detail, cause);
    }
}
