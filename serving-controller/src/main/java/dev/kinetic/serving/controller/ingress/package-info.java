/**
 * Pure builders turning a Route's resolved traffic into the objects an ingress implementation programs, and the pure
 * reading of those objects' status back into the Route's {@code IngressReady} condition.
 *
 * <p>Every host of a Route (its own host and one per tag) becomes one {@link
 * dev.kinetic.serving.controller.ingress.IngressRule}: a set of cluster-local names served by the local gateway,
 * and, unless the Route is cluster-local, the external host served by the external gateway. The default ingress class
 * writes one Gateway API {@code HTTPRoute} per host and visibility ({@link
 * dev.kinetic.serving.controller.ingress.HttpRoutes}); the Istio class writes one {@code VirtualService} per Route
 * ({@link dev.kinetic.serving.controller.ingress.VirtualServices}). {@link
 * dev.kinetic.serving.controller.ingress.Ingresses} picks between them from {@code config-network}, and {@link
 * dev.kinetic.serving.controller.ingress.Placeholders} gives the Route its in-cluster address. Nothing here touches
 * a client, a clock or the environment.
 */
package dev.kinetic.serving.controller.ingress;
