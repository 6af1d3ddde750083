/**
 * {@code eventing.knative.dev/v1}: Broker and Trigger, with their lifecycles, defaults and validation, and the event
 * filter validation the Subscriptions API dialects share.
 */
package dev.kinetic.api.eventing.v1;
