/**
 * Kubernetes admission plumbing shared by every Kinetic webhook: reading an {@code admission.k8s.io/v1}
 * AdmissionReview, answering it (allowed, allowed with a JSON Patch, denied with one status cause per field path),
 * and the JSON Patch between a manifest before and after defaulting. The decisions themselves are each kind's pure
 * defaulting and validation functions.
 */
package dev.kinetic.api.admission;
