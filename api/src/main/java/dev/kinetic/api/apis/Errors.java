package dev.kinetic.api.apis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects every {@link FieldError} a validation finds, so a user sees all problems at once rather than the first
 * one. Nested validators return their own {@code Errors} which the parent adds {@link #via} a field path.
 */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    public static Errors none() {
        return new Errors();
    }

    public Errors add(FieldError error) {
        errors.add(error);
        return this;
    }

    public Errors addAll(Errors other) {
        errors.addAll(other.errors);
        return this;
    }

    public Errors addAll(Collection<FieldError> other) {
        errors.addAll(other);
        return this;
    }

    /** Adds {@code other}'s errors with {@code prefix} put in front of their paths. */
    public Errors via(String prefix, Errors other) {
        other.errors.forEach(e -> errors.add(e.via(prefix)));
        return this;
    }

    /** A copy of these errors with {@code prefix} put in front of every path. */
    public Errors via(String prefix) {
        return new Errors().via(prefix, this);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Every path named by any error, in order. */
    public List<String> paths() {
        return errors.stream().flatMap(e -> e.paths().stream()).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return errors.stream().map(FieldError::toString).collect(Collectors.joining("\n"));
    }

    public static String index(String field, int i) {
        return field + "[" + i + "]";
    }

    public static String key(String field, String key) {
        return field + "[" + key + "]";
    }
}
