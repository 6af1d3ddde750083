package dev.kinetic.api;

import dev.kinetic.api.apis.Errors;

/**
 * Defaulting and validation of one kind, as the admission webhook applies them: pure functions of the resource and
 * the cluster's configuration snapshot.
 *
 * @param <T> the kind
 */
public interface Admission<T> {

    /** Fills in Knative's defaults in place. Applying it twice changes nothing more. */
    void setDefaults(T resource, ApiConfig config);

    /** Every error of a resource being created, with field paths from the resource root ({@code spec.…}). */
    Errors validate(T resource, ApiConfig config);

    /** Every error of an update, including changes to immutable fields. */
    default Errors validateUpdate(T previous, T updated, ApiConfig config) {
        return validate(updated, config);
    }

    /** A type-erased view, for code that dispatches on {@link KindInfo}. */
    @SuppressWarnings("unchecked")
    static Errors validateAny(KindInfo kind, Object resource, ApiConfig config) {
        return ((Admission<Object>) kind.admission()).validate(resource, config);
    }

    @SuppressWarnings("unchecked")
    static Errors validateUpdateAny(KindInfo kind, Object previous, Object updated, ApiConfig config) {
        return ((Admission<Object>) kind.admission()).validateUpdate(previous, updated, config);
    }

    @SuppressWarnings("unchecked")
    static void setDefaultsAny(KindInfo kind, Object resource, ApiConfig config) {
        ((Admission<Object>) kind.admission()).setDefaults(resource, config);
    }
}
