/**
 * The activator's side of autoscaling: per-revision request statistics, reported every second (and at once on a
 * request for a revision with no ready pod) as JSON over one long-lived WebSocket to the autoscaler. See {@link
 * dev.kinetic.activator.stats.StatMessage} for the wire format.
 */
package dev.kinetic.activator.stats;
