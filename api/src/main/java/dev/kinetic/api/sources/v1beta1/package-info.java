/** {@code sources.knative.dev/v1beta1}: KafkaSource, which reads Kafka topics and sends their records as CloudEvents. */
package dev.kinetic.api.sources.v1beta1;
