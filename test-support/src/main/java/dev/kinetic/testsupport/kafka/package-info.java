/**
 * A real Kafka broker inside the test JVM, for tests of everything that produces or consumes records.
 *
 * <p>{@link dev.kinetic.testsupport.kafka.InProcessKafka} starts one combined KRaft broker and controller with Kafka's
 * own test kit; {@link dev.kinetic.testsupport.kafka.WithKafka} gives one to each plain JUnit test class, and {@link
 * dev.kinetic.testsupport.kafka.KafkaTestResource} gives one to a Quarkus application under test. No Docker is
 * needed.
 */
package dev.kinetic.testsupport.kafka;
