package dev.kinetic.eventing.core.kafka;

import io.cloudevents.CloudEvent;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What an {@link EgressConsumer} does with each CloudEvent it consumes: filter it, deliver it, dead-letter it.
 *
 * <p>{@link #handle} is called on the consumer's thread and must return quickly: it starts the work and returns a
 * stage that completes, on any thread, when the record is done, whatever the outcome (delivered, dead-lettered,
 * filtered out, dropped). Only then may its offset be committed. The stage is not meant to fail: a handler turns
 * every delivery failure into a dead-letter or a drop. If it fails anyway (or {@code handle} throws, or returns
 * {@code null}), the consumer logs it, counts it in {@code kn.eventing.kafka.handler_failures} and treats the
 * record as done, so that one bug does not stall the partition for ever.
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Starts handling one record.
     *
     * @param record the record as consumed, with its key, headers and raw value
     * @param event the record decoded as a CloudEvent
     * @return a stage that completes when the record is done
     */
    CompletionStage<Void> handle(ConsumerRecord<String, byte[]> record, CloudEvent event);
}
