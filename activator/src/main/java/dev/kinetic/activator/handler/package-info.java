/**
 * The activator's request path: {@link dev.kinetic.activator.handler.ActivatorHandler} answers health probes,
 * finds the revision a request is for, and hands it to a {@link dev.kinetic.activator.handler.ProxiedRequest}, which
 * waits in the revision's throttler, forwards through the shared {@link dev.kinetic.dataplane.ReverseProxy} and
 * keeps the stats and the {@link dev.kinetic.activator.handler.Drainer} informed. Runs on event loops; never blocks.
 */
package dev.kinetic.activator.handler;
