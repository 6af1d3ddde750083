/**
 * The serving data plane's shared core, used by both the queue-proxy and the activator: the lock-free concurrency
 * breaker, time-weighted request stats, Knative's header names, and the streaming reverse proxy that enforces a
 * revision's timeouts. Vert.x core only, never blocking an event loop.
 */
package dev.kinetic.dataplane;
