/** The eventing configuration the webhook's defaults read: broker and channel defaults from Knative's ConfigMaps. */
package dev.kinetic.api.eventing.config;
