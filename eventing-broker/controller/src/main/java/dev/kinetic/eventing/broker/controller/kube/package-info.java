/** Kubernetes plumbing shared by the reconcilers: the status write and the retry delays after transient failures. */
package dev.kinetic.eventing.broker.controller.kube;
