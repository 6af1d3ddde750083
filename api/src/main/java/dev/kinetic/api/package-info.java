/**
 * The Java model of every Knative kind Kinetic serves: one package per API group and version, each kind split into
 * types, lifecycle (condition sets and mark methods on its status), defaults and validation, all pure functions.
 * {@link dev.kinetic.api.KineticKinds} lists the kinds; {@link dev.kinetic.api.Manifests} reads and writes them.
 */
package dev.kinetic.api;
