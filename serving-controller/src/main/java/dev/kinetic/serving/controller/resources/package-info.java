/**
 * Pure builders of a Revision's children: the Deployment with its queue-proxy sidecar, the PodAutoscaler, the
 * ServerlessService and the public and private Services. Each builder takes the Revision and config snapshots and
 * returns a fabric8 model object; none touches a client, a clock or the environment, so the reconcilers decide what
 * to create or update by comparing these objects with what exists.
 */
package dev.kinetic.serving.controller.resources;
