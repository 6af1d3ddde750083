/** Parsing and validating config-autoscaler and resolving a revision's autoscaling settings from it and its annotations. */
package dev.kinetic.autoscaler.config;
