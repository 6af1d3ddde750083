/** The PodAutoscaler reconciler: runs the decider every tick, patches Deployment replicas, gates scale to zero, writes status. */
package dev.kinetic.autoscaler.kpa;
