/**
 * The Trigger filter engine: {@link dev.kinetic.eventing.core.filter.Filters#compile} turns a Trigger's legacy
 * {@code filter.attributes} or its Subscriptions API {@code filters} (exact, prefix, suffix, all, any, not, cesql) into
 * an {@link dev.kinetic.eventing.core.filter.EventFilter} that a dispatcher applies to every event. Compiled once per
 * Trigger, evaluated concurrently; {@code all} and {@code any} move their most decisive children to the front as they
 * run. {@link dev.kinetic.eventing.core.filter.Cesql} wraps the CloudEvents SDK's CESQL engine so that it passes the
 * CESQL TCK.
 */
package dev.kinetic.eventing.core.filter;
