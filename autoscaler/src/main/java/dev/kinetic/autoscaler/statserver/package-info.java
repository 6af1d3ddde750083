/** The WebSocket endpoint the activators stream their per-revision stats to. */
package dev.kinetic.autoscaler.statserver;
