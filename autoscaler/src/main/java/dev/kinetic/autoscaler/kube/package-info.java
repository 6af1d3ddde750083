/** Small helpers for writing to the Kubernetes API. */
package dev.kinetic.autoscaler.kube;
