/** {@code networking.internal.knative.dev/v1alpha1}: the ServerlessService that switches a Revision's data path. */
package dev.kinetic.api.networking.v1alpha1;
