/** Small helpers for Kubernetes object metadata shared by the reconcilers and builders. */
package dev.kinetic.serving.controller.kube;
