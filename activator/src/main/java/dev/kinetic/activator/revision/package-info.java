/**
 * What the activator needs to know about a revision, as plain values: its {@link
 * dev.kinetic.activator.revision.RevisionKey key}, the {@link dev.kinetic.activator.revision.RevisionSettings
 * settings} read from its spec, and how a request names it ({@link
 * dev.kinetic.activator.revision.RevisionRouting}). Pure code, no I/O.
 */
package dev.kinetic.activator.revision;
