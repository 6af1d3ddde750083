/**
 * Knative's duck types ({@code knative.dev/pkg/apis/duck/v1} and the eventing duck types): Status with
 * conditions, references, destinations, addresses, delivery, and the parts every source shares; and the lifecycles
 * ({@code *Lifecycle}) that several kinds' statuses share, written once as default methods.
 */
package dev.kinetic.api.duck.v1;
