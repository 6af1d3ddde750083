/**
 * The eventing benchmark: the broker receiver and dispatcher, run as the real processes against a real KRaft broker
 * ({@link dev.kinetic.benchmarks.eventing.KafkaMain}) and a fake API server holding their contract, measured beside
 * raw Kafka clients doing the same work on the same broker and topic layout. {@link
 * dev.kinetic.benchmarks.eventing.EventingBench} runs it and writes {@code eventing.tsv} for the report ({@link
 * dev.kinetic.benchmarks.report.EventingResults}).
 */
package dev.kinetic.benchmarks.eventing;
