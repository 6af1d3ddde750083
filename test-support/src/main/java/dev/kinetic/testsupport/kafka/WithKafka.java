package dev.kinetic.testsupport.kafka;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated JUnit test class against a real in-process Kafka broker ({@link InProcessKafka}): one broker
 * for the whole class, started before {@code @BeforeAll} methods and stopped after {@code @AfterAll} methods.
 * Declare an {@link InProcessKafka} parameter on the constructor, a lifecycle method or a test method to get it.
 *
 * <p>Topics and records are shared by all the tests of the class (and of its {@code @Nested} classes), so each test
 * should use its own topic names and consumer group ids.
 *
 * <pre>{@code
 * @WithKafka
 * class OrdersTest {
 *     @Test
 *     void roundTrip(InProcessKafka kafka) {
 *         kafka.createTopic("orders", 3);
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KafkaExtension.class)
public @interface WithKafka {}
