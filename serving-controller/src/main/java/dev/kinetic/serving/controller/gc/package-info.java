/**
 * Revision garbage collection ({@code config-gc}): which of a Configuration's non-active Revisions to delete. Pure:
 * Revisions come in as small records and the time as an argument.
 */
package dev.kinetic.serving.controller.gc;
