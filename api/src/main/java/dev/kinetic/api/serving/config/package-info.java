/**
 * The user-facing serving ConfigMaps that defaulting and validation read ({@code config-defaults},
 * {@code config-features}, the admission keys of {@code config-autoscaler}), each parsed by a pure {@code fromMap}
 * that reports every bad key.
 */
package dev.kinetic.api.serving.config;
