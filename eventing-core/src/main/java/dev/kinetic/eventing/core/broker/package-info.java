/**
 * Rules of the Broker shared by its receiver and dispatcher: the reply-loop protection of the {@code
 * knativebrokerttl} extension.
 */
package dev.kinetic.eventing.core.broker;
