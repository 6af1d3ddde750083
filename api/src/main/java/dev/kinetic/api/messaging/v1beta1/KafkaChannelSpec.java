package dev.kinetic.api.messaging.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.messaging.v1.ChannelableSpec;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** The desired state of a KafkaChannel: its topic's shape, plus the Channelable fields ({@code KafkaChannelSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaChannelSpec extends ChannelableSpec {
    /** Partitions of the channel's topic; immutable. */
    private Integer numPartitions;
    /** Replication factor of the channel's topic; immutable. */
    private Integer replicationFactor;
    /** ISO-8601 duration, the topic's {@code retention.ms}; immutable. */
    private String retentionDuration;
}
