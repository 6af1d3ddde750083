/**
 * The Trigger reconciler: finds the Trigger's Broker, resolves its subscriber and dead-letter sink, checks its
 * dependency, and puts its egress into the contract while everything it needs is there.
 */
package dev.kinetic.eventing.broker.controller.trigger;
