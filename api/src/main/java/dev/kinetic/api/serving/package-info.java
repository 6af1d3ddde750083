/** The serving API groups: {@link dev.kinetic.api.serving.ServingKinds} lists them for CRD generation. */
package dev.kinetic.api.serving;
