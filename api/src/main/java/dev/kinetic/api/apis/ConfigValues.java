package dev.kinetic.api.apis;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed values out of a ConfigMap's data, collecting an error per bad key instead of failing on the first,
 * so a ConfigMap with one typo is reported completely. Errors' paths are the ConfigMap keys.
 */
public final class ConfigValues {
    private final Map<String, String> data;
    private final Errors errors = Errors.none();

    public ConfigValues(Map<String, String> data) {
        this.data = data == null ? Map.of() : data;
    }

    public Errors errors() {
        return errors;
    }

    public String string(String key, String fallback) {
        String value = data.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public long integer(String key, long fallback) {
        return parse(key, fallback, Long::parseLong, "expected an integer");
    }

    public double decimal(String key, double fallback) {
        return parse(key, fallback, Double::parseDouble, "expected a number");
    }

    public boolean bool(String key, boolean fallback) {
        return parse(
                key,
                fallback,
                v -> switch (v.toLowerCase()) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException();
                },
                "expected true or false");
    }

    /** A Go duration ({@code 60s}, {@code 1m}); a bare integer is read as seconds, as Knative does. */
    public Duration duration(String key, Duration fallback) {
        return parse(
                key,
                fallback,
                v -> v.matches("-?\\d+")
                        ? Duration.ofSeconds(Long.parseLong(v))
                        : Durations.parseGo(v).orElseThrow(IllegalArgumentException::new),
                "expected a duration such as 60s");
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(data.get(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** Records an error for {@code key} unless {@code ok}. */
    public void check(boolean ok, String key, String details) {
        if (!ok) {
            errors.add(FieldError.invalid(data.getOrDefault(key, ""), key, details));
        }
    }

    private <T> T parse(String key, T fallback, Function<String, T> parser, String details) {
        String value = data.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            errors.add(FieldError.invalid(value, key, details));
            return fallback;
        }
    }
}
