/**
 * Knative's duck types ({@code knative.dev/pkg/apis/duck/v1} and the eventing duck types): Status with
 * conditions, references, destinations, addresses, delivery, and the parts every source shares.
 */
package dev.kinetic.api.duck.v1;
