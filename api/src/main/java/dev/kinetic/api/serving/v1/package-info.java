/**
 * {@code serving.knative.dev/v1}: Service, Configuration, Revision and Route. Each kind has its types, its
 * lifecycle on the status class, and its defaults and validation in {@link dev.kinetic.api.serving.v1.ServingDefaults}
 * and {@link dev.kinetic.api.serving.v1.ServingValidation}.
 */
package dev.kinetic.api.serving.v1;
