/**
 * The broker receiver: accepts CloudEvents over HTTP at {@code /{namespace}/{broker}} and answers 202 only once
 * Kafka has acknowledged the event on the broker's topic ({@code acks=all}, idempotent producer). The routes come
 * from the contract ConfigMap, applied by diff.
 */
package dev.kinetic.eventing.broker.receiver;
