/** The Kinetic autoscaler (KPA): wiring and process settings. */
package dev.kinetic.autoscaler;
