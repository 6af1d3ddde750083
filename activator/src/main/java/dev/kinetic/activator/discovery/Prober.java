package dev.kinetic.activator.discovery;

import io.vertx.core.Future;

/** Asks a pod whether it may get traffic. Implementations never block and never fail the future. */
@FunctionalInterface
public interface Prober {
    /** Completes with whether {@code pod} is ready, on the context that called. */
    Future<Boolean> probe(PodAddress pod);
}
