package dev.kinetic.api;

/**
 * Every user-facing label and annotation key Knative defines, in one place, spelled exactly as Knative spells them
 * so users' manifests and tooling carry over unchanged.
 */
public final class Knative {
    private Knative() {}

    public static final String SERVING_GROUP = "serving.knative.dev";
    public static final String AUTOSCALING_GROUP = "autoscaling.knative.dev";
    public static final String AUTOSCALING_INTERNAL_GROUP = "autoscaling.internal.knative.dev";
    public static final String NETWORKING_GROUP = "networking.knative.dev";
    public static final String NETWORKING_INTERNAL_GROUP = "networking.internal.knative.dev";
    public static final String EVENTING_GROUP = "eventing.knative.dev";
    public static final String MESSAGING_GROUP = "messaging.knative.dev";
    public static final String SOURCES_GROUP = "sources.knative.dev";

    // Serving labels set by the system (serving.md §1.5).
    public static final String SERVICE_LABEL = "serving.knative.dev/service";
    public static final String SERVICE_UID_LABEL = "serving.knative.dev/serviceUID";
    public static final String CONFIGURATION_LABEL = "serving.knative.dev/configuration";
    public static final String CONFIGURATION_UID_LABEL = "serving.knative.dev/configurationUID";
    public static final String CONFIGURATION_GENERATION_LABEL = "serving.knative.dev/configurationGeneration";
    public static final String REVISION_LABEL = "serving.knative.dev/revision";
    public static final String REVISION_UID_LABEL = "serving.knative.dev/revisionUID";
    public static final String ROUTE_LABEL = "serving.knative.dev/route";
    public static final String ROUTING_STATE_LABEL = "serving.knative.dev/routingState";
    public static final String VISIBILITY_LABEL = "networking.knative.dev/visibility";
    public static final String VISIBILITY_CLUSTER_LOCAL = "cluster-local";

    // Serving annotations.
    public static final String CREATOR_ANNOTATION = "serving.knative.dev/creator";
    public static final String UPDATER_ANNOTATION = "serving.knative.dev/lastModifier";
    public static final String ROUTES_ANNOTATION = "serving.knative.dev/routes";
    public static final String ROUTING_STATE_MODIFIED_ANNOTATION = "serving.knative.dev/routingStateModified";
    public static final String NO_GC_ANNOTATION = "serving.knative.dev/no-gc";
    public static final String LAST_PINNED_ANNOTATION = "serving.knative.dev/lastPinned";
    public static final String ROLLOUT_DURATION_ANNOTATION = "serving.knative.dev/rollout-duration";
    public static final String PROGRESS_DEADLINE_ANNOTATION = "serving.knative.dev/progress-deadline";
    public static final String QUEUE_SIDECAR_PREFIX = "queue.sidecar.serving.knative.dev/";

    // Autoscaling annotations (autoscaling.knative.dev/…), see serving.md §1.7 and §3.
    public static final String AUTOSCALING_PREFIX = "autoscaling.knative.dev/";
    public static final String CLASS_ANNOTATION = AUTOSCALING_PREFIX + "class";
    public static final String METRIC_ANNOTATION = AUTOSCALING_PREFIX + "metric";
    public static final String TARGET_ANNOTATION = AUTOSCALING_PREFIX + "target";
    public static final String TARGET_UTILIZATION_ANNOTATION = AUTOSCALING_PREFIX + "target-utilization-percentage";
    public static final String WINDOW_ANNOTATION = AUTOSCALING_PREFIX + "window";
    public static final String PANIC_WINDOW_PERCENTAGE_ANNOTATION = AUTOSCALING_PREFIX + "panic-window-percentage";
    public static final String PANIC_THRESHOLD_PERCENTAGE_ANNOTATION =
            AUTOSCALING_PREFIX + "panic-threshold-percentage";
    public static final String TARGET_BURST_CAPACITY_ANNOTATION = AUTOSCALING_PREFIX + "target-burst-capacity";
    public static final String MIN_SCALE_ANNOTATION = AUTOSCALING_PREFIX + "min-scale";
    public static final String MAX_SCALE_ANNOTATION = AUTOSCALING_PREFIX + "max-scale";
    public static final String INITIAL_SCALE_ANNOTATION = AUTOSCALING_PREFIX + "initial-scale";
    public static final String ACTIVATION_SCALE_ANNOTATION = AUTOSCALING_PREFIX + "activation-scale";
    public static final String SCALE_DOWN_DELAY_ANNOTATION = AUTOSCALING_PREFIX + "scale-down-delay";
    public static final String SCALE_TO_ZERO_POD_RETENTION_ANNOTATION =
            AUTOSCALING_PREFIX + "scale-to-zero-pod-retention-period";
    public static final String METRIC_AGGREGATION_ANNOTATION = AUTOSCALING_PREFIX + "metric-aggregation-algorithm";
    public static final String KPA_CLASS = "kpa.autoscaling.knative.dev";
    public static final String HPA_CLASS = "hpa.autoscaling.knative.dev";

    // Eventing.
    /** Label a Trigger carries naming its Broker. */
    public static final String BROKER_LABEL = "eventing.knative.dev/broker";
    /** Annotation a channel carries with the Subscribable duck version it implements. */
    public static final String SUBSCRIBABLE_DUCK_VERSION_ANNOTATION = "messaging.knative.dev/subscribable";

    public static final String BROKER_CLASS_ANNOTATION = "eventing.knative.dev/broker.class";
    public static final String KAFKA_BROKER_CLASS = "Kafka";
    public static final String KAFKA_NAMESPACED_BROKER_CLASS = "KafkaNamespaced";
    public static final String MT_CHANNEL_BROKER_CLASS = "MTChannelBasedBroker";
    public static final String KAFKA_EXTERNAL_TOPIC_ANNOTATION = "kafka.eventing.knative.dev/external.topic";
    public static final String DELIVERY_ORDER_ANNOTATION = "kafka.eventing.knative.dev/delivery.order";
    public static final String DEPENDENCY_ANNOTATION = "knative.dev/dependency";
    public static final String CREATOR_EVENTING_ANNOTATION = "eventing.knative.dev/creator";
    public static final String LAST_MODIFIER_EVENTING_ANNOTATION = "eventing.knative.dev/lastModifier";
    public static final String ASYNC_HANDLER_ANNOTATION = "messaging.knative.dev/async-handler";
    public static final String SINK_BINDING_INCLUSION_LABEL = "bindings.knative.dev/include";
    public static final String SINK_BINDING_EXCLUSION_LABEL = "bindings.knative.dev/exclude";
    public static final String KAFKA_SOURCE_KEY_TYPE_LABEL = "kafkasources.sources.knative.dev/key-type";

    // CRD labels Knative puts on its CustomResourceDefinitions (duck-type discovery).
    public static final String CRD_INSTALL_LABEL = "knative.dev/crd-install";
    public static final String ADDRESSABLE_DUCK_LABEL = "duck.knative.dev/addressable";
    public static final String SOURCE_DUCK_LABEL = "duck.knative.dev/source";
    public static final String BINDING_DUCK_LABEL = "duck.knative.dev/binding";
    public static final String SUBSCRIBABLE_DUCK_LABEL = "messaging.knative.dev/subscribable";
    public static final String EVENTING_SOURCE_LABEL = "eventing.knative.dev/source";
}
