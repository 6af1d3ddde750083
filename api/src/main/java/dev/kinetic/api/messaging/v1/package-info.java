/**
 * {@code messaging.knative.dev/v1}: Channel, InMemoryChannel and Subscription, and the Channelable duck type every
 * channel kind shares.
 */
package dev.kinetic.api.messaging.v1;
