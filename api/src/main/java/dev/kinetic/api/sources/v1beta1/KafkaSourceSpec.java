package dev.kinetic.api.sources.v1beta1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.DeliverySpec;
import dev.kinetic.api.duck.v1.SourceSpec;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** Which topics a KafkaSource reads and how ({@code sources/v1beta1.KafkaSourceSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KafkaSourceSpec extends SourceSpec {
    public static final String OFFSET_EARLIEST = "earliest";
    public static final String OFFSET_LATEST = "latest";
    public static final String ORDERED = "ordered";
    public static final String UNORDERED = "unordered";

    /** Consumers in the consumer group; 1 by default. */
    private Integer consumers;

    private List<String> bootstrapServers;
    private KafkaNetSpec net;
    private List<String> topics;
    /**
     * The consumer group; immutable once set. Defaulted to {@code knative-kafka-source-<uid>} when the source has a
     * UID; left unset on create (the API server assigns the UID after admission), and then the controller uses that
     * same name.
     */
    private String consumerGroup;
    /** Where a new consumer group starts: {@code earliest} or {@code latest} (the default). */
    private String initialOffset;

    private DeliverySpec delivery;
    /** {@code ordered} (the default: one event at a time per partition) or {@code unordered}. */
    private String ordering;
}
