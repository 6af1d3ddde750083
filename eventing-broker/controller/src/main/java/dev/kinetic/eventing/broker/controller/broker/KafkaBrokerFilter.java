package dev.kinetic.eventing.broker.controller.broker;

import dev.kinetic.api.Knative;
import dev.kinetic.api.eventing.v1.Broker;
import io.javaoperatorsdk.operator.processing.event.source.filter.GenericFilter;

/**
 * Lets through only the Brokers this controller owns: class {@code Kafka}, or no class yet (the default class, which
 * the reconciler then writes). Brokers of other classes never reach the reconciler, so they never get its finalizer.
 */
public class KafkaBrokerFilter implements GenericFilter<Broker> {

    @Override
    public boolean accept(Broker broker) {
        return isOurs(broker);
    }

    /** Class {@code Kafka}, or no class. */
    public static boolean isOurs(Broker broker) {
        String brokerClass = broker.brokerClass();
        return brokerClass == null || brokerClass.isEmpty() || Knative.KAFKA_BROKER_CLASS.equals(brokerClass);
    }
}
