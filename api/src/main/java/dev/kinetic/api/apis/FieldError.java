package dev.kinetic.api.apis;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One validation failure: what is wrong and the field path(s) it is about, in Knative's wording
 * ({@code knative.dev/pkg/apis.FieldError}) so users see the messages they know.
 *
 * @param message what is wrong, e.g. {@code "missing field(s)"}
 * @param paths the field paths, e.g. {@code spec.traffic[0].percent}
 * @param details optional extra explanation, may be empty
 */
public record FieldError(String message, List<String> paths, String details) {

    public FieldError {
        paths = List.copyOf(paths);
        details = details == null ? "" : details;
    }

    public static FieldError of(String message, String... paths) {
        return new FieldError(message, List.of(paths), "");
    }

    public static FieldError missing(String... paths) {
        return of("missing field(s)", paths);
    }

    public static FieldError invalid(Object value, String path) {
        return of("invalid value: " + value, path);
    }

    public static FieldError invalid(Object value, String path, String details) {
        return new FieldError("invalid value: " + value, List.of(path), details);
    }

    public static FieldError outOfBounds(Object value, Object lower, Object upper, String path) {
        return of("expected " + lower + " <= " + value + " <= " + upper, path);
    }

    public static FieldError disallowed(String... paths) {
        return of("must not set the field(s)", paths);
    }

    public static FieldError multipleOneOf(String... paths) {
        return of("expected exactly one, got both", paths);
    }

    public static FieldError missingOneOf(String... paths) {
        return of("expected exactly one, got neither", paths);
    }

    public static FieldError immutable(String path, String details) {
        return new FieldError("Immutable fields changed (-old +new)", List.of(path), details);
    }

    /** This error seen from the parent object: {@code via("spec")} turns {@code template} into {@code spec.template}. */
    public FieldError via(String prefix) {
        return new FieldError(message, paths.stream().map(p -> join(prefix, p)).collect(Collectors.toList()), details);
    }

    static String join(String prefix, String path) {
        if (prefix.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return prefix;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    /** Knative's rendering: {@code message: path1, path2} followed by the details on their own line. */
    @Override
    public String toString() {
        String text = paths.isEmpty() ? message : message + ": " + String.join(", ", paths);
        return details.isEmpty() ? text : text + "\n" + details;
    }
}
