package dev.kinetic.eventing.broker.controller.kafka;

import dev.kinetic.eventing.broker.controller.BrokerControllerSettings;
import dev.kinetic.eventing.broker.controller.config.KafkaBrokerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The Kafka side of a Broker: its topic (created with the Broker's config, or the user's external topic checked), its
 * Triggers' initial offsets and, on deletion, its topic and its Triggers' consumer groups. Every Kafka failure that
 * is not an answer about the topic or group itself is a {@link KafkaUnavailableException}.
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

    /**
     * Commits the end offset of every partition of {@code topic} that consumer group {@code group} has no committed
     * offset for, as Knative's controller does for a new Trigger ({@code InitialOffsetsCommitted}): the Trigger then
     * receives what is sent from now on, whenever its consumer joins, and not the topic's history. Partitions with a
     * committed offset are left alone, so calling it again is harmless; so is a group that already has members, whose
     * consumers hold their own positions.
     *
     * @return how many partitions got an initial offset
     */
    public int commitInitialOffsets(String bootstrapServers, String group, String topic) {
        Admin admin = admins.admin(bootstrapServers);
        String what = "commit the initial offsets of consumer group " + group + " on topic " + topic;
        try {
            TopicDescription description = await(
                            admin.describeTopics(List.of(topic)).allTopicNames(), bootstrapServers, what)
                    .get(topic);
            Map<TopicPartition, OffsetAndMetadata> committed = await(
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), bootstrapServers, what);
            Map<TopicPartition, OffsetSpec> missing = new HashMap<>();
            description.partitions().forEach(partition -> {
                TopicPartition tp = new TopicPartition(topic, partition.partition());
                if (committed.get(tp) == null) {
                    missing.put(tp, OffsetSpec.latest());
                }
            });
            if (missing.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, ListOffsetsResultInfo> ends =
                    await(admin.listOffsets(missing).all(), bootstrapServers, what);
            Map<TopicPartition, OffsetAndMetadata> initial = new HashMap<>();
            ends.forEach((tp, end) -> initial.put(tp, new OffsetAndMetadata(end.offset())));
            try {
                await(admin.alterConsumerGroupOffsets(group, initial).all(), bootstrapServers, what);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownMemberIdException
                        || e.getCause() instanceof GroupNotEmptyException) {
                    return 0; // the group is consuming: its members hold their positions
                }
                throw e;
            }
            return initial.size();
        } catch (ExecutionException e) {
            throw unavailable(bootstrapServers, what, e.getCause());
        }
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
