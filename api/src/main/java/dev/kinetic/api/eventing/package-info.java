/**
 * The eventing side of the API: {@link dev.kinetic.api.eventing.EventingKinds} lists the eventing, messaging and
 * sources kinds, and the helpers here hold the defaulting and validation steps those kinds share.
 */
package dev.kinetic.api.eventing;
