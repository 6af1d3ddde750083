package dev.kinetic.benchmarks.eventing;

import dev.kinetic.testsupport.kafka.InProcessKafka;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The benchmark's Kafka: one KRaft broker and controller ({@link InProcessKafka}, Kafka's own test kit at the
 * clients' version) in a JVM of its own, so that its CPU is charged neither to the receiver nor to the harness that
 * runs the raw baselines. Prints {@code kafka at HOST:PORT} once it accepts clients and runs until killed; its data
 * directory is deleted on a normal exit (SIGTERM).
 *
 * <p>Topics are not auto-created: the harness creates every topic it uses, with the same layout for the baselines and
 * for Kinetic's components.
 */
public final class KafkaMain {
    public static final String READY_PREFIX = "kafka at ";

    private KafkaMain() {}

    public static void main(String[] args) throws InterruptedException {
        InProcessKafka kafka = InProcessKafka.start(Map.of("auto.create.topics.enable", "false"));
        Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-stop"));
        System.out.println(READY_PREFIX + kafka.bootstrapServers());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
