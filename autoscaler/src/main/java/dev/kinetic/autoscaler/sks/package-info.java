/** The ServerlessService reconciler: points a revision's public Service at the activators (Proxy) or at its pods (Serve). */
package dev.kinetic.autoscaler.sks;
