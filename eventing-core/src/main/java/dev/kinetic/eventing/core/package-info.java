/**
 * Kinetic's eventing data-plane library, shared by the broker's and the channel's receivers and dispatchers.
 * Sub-packages: {@code http} (CloudEvents over HTTP), {@code filter} (the Trigger filter engine), {@code delivery}
 * (retries, backoff, dead-letter sinks, replies), {@code kafka} (producer and dispatcher engine) and {@code contract}
 * (the control-plane to data-plane document and its watcher).
 */
package dev.kinetic.eventing.core;
