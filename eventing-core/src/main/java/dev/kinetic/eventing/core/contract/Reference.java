package dev.kinetic.eventing.core.contract;

/**
 * The Kubernetes object a resource or egress stands for.
 *
 * @param uuid its uid
 * @param namespace its namespace
 * @param name its name
 * @param kind its kind, e.g. {@code Broker}, {@code Trigger}
 * @param groupVersion its apiVersion, e.g. {@code eventing.knative.dev/v1}
 */
public record Reference(String uuid, String namespace, String name, String kind, String groupVersion) {}
