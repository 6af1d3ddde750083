package dev.kinetic.serving.controller.traffic;

/**
 * A share of one host's traffic going to one Revision.
 *
 * @param revisionName the Revision (its public Service has the same name)
 * @param percent the share, 0 to 100
 */
public record Backend(String revisionName, long percent) {}
