/**
 * The Kinetic activator process: {@link dev.kinetic.activator.ActivatorConfig settings} from the environment,
 * {@link dev.kinetic.activator.Activator wiring} of the listeners, discovery, throttling and stats, and the {@link
 * dev.kinetic.activator.ActivatorMain entry point} with its graceful drain on SIGTERM.
 */
package dev.kinetic.activator;
