/** {@code autoscaling.internal.knative.dev/v1alpha1}: the PodAutoscaler the serving controller creates per Revision. */
package dev.kinetic.api.autoscaling.v1alpha1;
