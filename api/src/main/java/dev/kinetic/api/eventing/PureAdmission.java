package dev.kinetic.api.eventing;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.apis.Errors;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * An {@link Admission} assembled from a kind's pure defaulting and validation functions, so each kind's rules stay in
 * its own {@code …Defaults} and {@code …Validation} classes.
 *
 * @param <T> the kind
 */
public final class PureAdmission<T> implements Admission<T> {
    private final BiConsumer<T, ApiConfig> defaults;
    private final Function<T, Errors> validate;
    private final BiFunction<T, T, Errors> validateUpdate;

    private PureAdmission(
            BiConsumer<T, ApiConfig> defaults, Function<T, Errors> validate, BiFunction<T, T, Errors> validateUpdate) {
        this.defaults = defaults;
        this.validate = validate;
        this.validateUpdate = validateUpdate;
    }

    /**
     * @param defaults fills in defaults in place
     * @param validate every error of a resource
     * @param validateUpdate every error of an update from the first argument to the second, including the ones
     *     {@code validate} finds in the updated resource
     */
    public static <T> PureAdmission<T> of(
            BiConsumer<T, ApiConfig> defaults, Function<T, Errors> validate, BiFunction<T, T, Errors> validateUpdate) {
        return new PureAdmission<>(defaults, validate, validateUpdate);
    }

    /** An admission for a kind without immutable fields. */
    public static <T> PureAdmission<T> of(BiConsumer<T, ApiConfig> defaults, Function<T, Errors> validate) {
        return new PureAdmission<>(defaults, validate, (previous, updated) -> validate.apply(updated));
    }

    @Override
    public void setDefaults(T resource, ApiConfig config) {
        defaults.accept(resource, config);
    }

    @Override
    public Errors validate(T resource, ApiConfig config) {
        return validate.apply(resource);
    }

    @Override
    public Errors validateUpdate(T previous, T updated, ApiConfig config) {
        return validateUpdate.apply(previous, updated);
    }
}
