/** {@code messaging.knative.dev/v1beta1}: KafkaChannel, a channel backed by a Kafka topic. */
package dev.kinetic.api.messaging.v1beta1;
