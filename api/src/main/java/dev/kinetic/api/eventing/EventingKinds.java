package dev.kinetic.api.eventing;

import static dev.kinetic.api.KindInfo.AGE;
import static dev.kinetic.api.KindInfo.READY;
import static dev.kinetic.api.KindInfo.REASON;
import static dev.kinetic.api.KindInfo.column;

import dev.kinetic.api.KindInfo;
import dev.kinetic.api.Knative;
import dev.kinetic.api.eventing.v1.Broker;
import dev.kinetic.api.eventing.v1.BrokerValidation;
import dev.kinetic.api.eventing.v1.Trigger;
import dev.kinetic.api.eventing.v1.TriggerValidation;
import dev.kinetic.api.messaging.v1.Channel;
import dev.kinetic.api.messaging.v1.ChannelValidation;
import dev.kinetic.api.messaging.v1.InMemoryChannel;
import dev.kinetic.api.messaging.v1.InMemoryChannelValidation;
import dev.kinetic.api.messaging.v1.Subscription;
import dev.kinetic.api.messaging.v1.SubscriptionValidation;
import dev.kinetic.api.messaging.v1beta1.KafkaChannel;
import dev.kinetic.api.messaging.v1beta1.KafkaChannelValidation;
import dev.kinetic.api.sources.v1.ApiServerSource;
import dev.kinetic.api.sources.v1.ApiServerSourceValidation;
import dev.kinetic.api.sources.v1.ContainerSource;
import dev.kinetic.api.sources.v1.ContainerSourceValidation;
import dev.kinetic.api.sources.v1.PingSource;
import dev.kinetic.api.sources.v1.PingSourceValidation;
import dev.kinetic.api.sources.v1.SinkBinding;
import dev.kinetic.api.sources.v1.SinkBindingValidation;
import dev.kinetic.api.sources.v1beta1.KafkaSource;
import dev.kinetic.api.sources.v1beta1.KafkaSourceValidation;
import java.util.List;
import java.util.Map;

/** The eventing, messaging and sources kinds, with what their CRDs need: Knative's labels, categories and columns. */
public final class EventingKinds {
    private EventingKinds() {}

    private static final String TRUE = "true";

    private static final List<String> EVENTING = List.of("all", "knative", "eventing");
    private static final List<String> MESSAGING = List.of("all", "knative", "messaging");
    private static final List<String> CHANNELS = List.of("all", "knative", "messaging", "channel");
    private static final List<String> SOURCES = List.of("all", "knative", "sources");
    private static final List<String> KAFKA_SOURCES = List.of("all", "knative", "eventing", "sources");

    private static final Map<String, String> PLAIN = Map.of(Knative.CRD_INSTALL_LABEL, TRUE);
    private static final Map<String, String> ADDRESSABLE =
            Map.of(Knative.CRD_INSTALL_LABEL, TRUE, Knative.ADDRESSABLE_DUCK_LABEL, TRUE);
    private static final Map<String, String> CHANNEL = Map.of(
            Knative.CRD_INSTALL_LABEL,
            TRUE,
            Knative.ADDRESSABLE_DUCK_LABEL,
            TRUE,
            Knative.SUBSCRIBABLE_DUCK_LABEL,
            TRUE);
    private static final Map<String, String> SOURCE = Map.of(
            Knative.CRD_INSTALL_LABEL, TRUE, Knative.SOURCE_DUCK_LABEL, TRUE, Knative.EVENTING_SOURCE_LABEL, TRUE);
    private static final Map<String, String> BINDING = Map.of(
            Knative.CRD_INSTALL_LABEL,
            TRUE,
            Knative.SOURCE_DUCK_LABEL,
            TRUE,
            Knative.EVENTING_SOURCE_LABEL,
            TRUE,
            Knative.BINDING_DUCK_LABEL,
            TRUE);

    private static final KindInfo.PrinterColumn URL = column("URL", ".status.address.url");
    private static final KindInfo.PrinterColumn SINK = column("Sink", ".status.sinkUri");
    private static final List<KindInfo.PrinterColumn> ADDRESSABLE_COLUMNS = List.of(URL, AGE, READY, REASON);
    private static final List<KindInfo.PrinterColumn> SOURCE_COLUMNS = List.of(SINK, AGE, READY, REASON);

    public static final List<KindInfo> ALL = List.of(
            new KindInfo(
                    Broker.class,
                    BrokerValidation.ADMISSION,
                    "Broker collects a pool of events that are consumable using Triggers.",
                    EVENTING,
                    ADDRESSABLE,
                    ADDRESSABLE_COLUMNS),
            new KindInfo(
                    Trigger.class,
                    TriggerValidation.ADMISSION,
                    "Trigger represents a request to have events delivered to a subscriber from a Broker's event pool.",
                    EVENTING,
                    PLAIN,
                    List.of(
                            column("Broker", ".spec.broker"),
                            column("Subscriber_URI", ".status.subscriberUri"),
                            AGE,
                            READY,
                            REASON)),
            new KindInfo(
                    Channel.class,
                    ChannelValidation.ADMISSION,
                    "Channel represents a generic Channel backed by the cluster's default channel implementation.",
                    CHANNELS,
                    CHANNEL,
                    ADDRESSABLE_COLUMNS),
            new KindInfo(
                    InMemoryChannel.class,
                    InMemoryChannelValidation.ADMISSION,
                    "InMemoryChannel is a best-effort Channel that keeps events in memory.",
                    CHANNELS,
                    CHANNEL,
                    ADDRESSABLE_COLUMNS),
            new KindInfo(
                    Subscription.class,
                    SubscriptionValidation.ADMISSION,
                    "Subscription routes events received on a Channel to a subscriber and its replies onwards.",
                    MESSAGING,
                    PLAIN,
                    List.of(AGE, READY, REASON)),
            new KindInfo(
                    KafkaChannel.class,
                    KafkaChannelValidation.ADMISSION,
                    "KafkaChannel is a Channel backed by a Kafka topic.",
                    CHANNELS,
                    CHANNEL,
                    ADDRESSABLE_COLUMNS),
            new KindInfo(
                    PingSource.class,
                    PingSourceValidation.ADMISSION,
                    "PingSource sends an event with a fixed payload on a cron schedule.",
                    SOURCES,
                    SOURCE,
                    List.of(SINK, column("Schedule", ".spec.schedule"), AGE, READY, REASON)),
            new KindInfo(
                    ApiServerSource.class,
                    ApiServerSourceValidation.ADMISSION,
                    "ApiServerSource turns Kubernetes API server events into CloudEvents.",
                    SOURCES,
                    SOURCE,
                    SOURCE_COLUMNS),
            new KindInfo(
                    SinkBinding.class,
                    SinkBindingValidation.ADMISSION,
                    "SinkBinding injects a sink's URL into the pods of its subjects as K_SINK.",
                    SOURCES,
                    BINDING,
                    SOURCE_COLUMNS),
            new KindInfo(
                    ContainerSource.class,
                    ContainerSourceValidation.ADMISSION,
                    "ContainerSource runs a container image that sends events to a sink.",
                    SOURCES,
                    SOURCE,
                    SOURCE_COLUMNS),
            new KindInfo(
                    KafkaSource.class,
                    KafkaSourceValidation.ADMISSION,
                    "KafkaSource reads Kafka topics and sends their records to a sink as CloudEvents.",
                    KAFKA_SOURCES,
                    SOURCE,
                    SOURCE_COLUMNS));
}
