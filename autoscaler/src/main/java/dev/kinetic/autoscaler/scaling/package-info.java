/** The KPA decision: a pure function from a revision's spec, its observed metrics and the previous decision to the next one. */
package dev.kinetic.autoscaler.scaling;
