/**
 * Machinery shared by every API group: field errors with paths, condition sets with Knative's living-condition
 * semantics. Pure Java, no I/O.
 */
package dev.kinetic.api.apis;
