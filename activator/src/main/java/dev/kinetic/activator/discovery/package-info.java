/**
 * How the activator learns about revisions and their pods: fabric8 informers on Revisions and EndpointSlices feed a
 * {@link dev.kinetic.activator.discovery.BackendRegistry}, which probes every pod itself and puts only pods that
 * answered into their revision's {@link dev.kinetic.activator.throttle.RevisionThrottler}. The registry's state lives
 * on one Vert.x context; informer threads and event loops only hand it events.
 */
package dev.kinetic.activator.discovery;
