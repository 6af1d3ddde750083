/**
 * The user-facing ConfigMaps the serving controller reads ({@code config-network}, {@code config-gateway},
 * {@code config-domain}, {@code config-gc}, …), each parsed by a pure {@code fromMap} that reports every bad key,
 * with Knative's keys and defaults.
 */
package dev.kinetic.serving.controller.config;
