/**
 * Traffic resolution: turns a Route's (or Service's) {@code spec.traffic} into concrete Revisions per host, the
 * Route's status traffic and URLs, or the one condition explaining why that is not possible yet. Pure: the cluster
 * is passed in as plain records.
 */
package dev.kinetic.serving.controller.traffic;
