package dev.kinetic.eventing.broker.controller.kafka;

/** Kafka did not answer, or answered with a retriable error: the operation should be retried later. */
public class KafkaUnavailableException extends RuntimeException {
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
