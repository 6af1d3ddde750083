package dev.kinetic.dataplane;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a data-plane process' settings from its environment, collecting every problem (each naming its variable)
 * instead of stopping at the first, so a misconfigured pod says everything that is wrong in one log line.
 */
public class EnvReader {
    private final Map<String, String> env;
    private final List<String> errors = new ArrayList<>();

    public EnvReader(Map<String, String> env) {
        this.env = env;
    }

    /** The variable's trimmed value, or {@code fallback} when it is unset or blank. */
    public String text(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** A port, 0 to 65535 (0: let the system pick one). */
    public int port(String name, int fallback) {
        return (int) number(name, fallback, 0, 65535);
    }

    /** A whole number within {@code [min, max]}. */
    public long number(String name, long fallback, long min, long max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < min || v > max) {
                error(name, v + " is outside [" + min + ", " + max + "]");
                return fallback;
            }
            return v;
        } catch (NumberFormatException e) {
            error(name, "\"" + raw + "\" is not a whole number");
            return fallback;
        }
    }

    /** Records a problem with {@code name}. */
    public void error(String name, String problem) {
        errors.add(name + ": " + problem);
    }

    /** Throws, naming every problem found, if there was any. */
    public void failIfInvalid(String component) {
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid " + component + " environment: " + String.join("; ", errors));
        }
    }
}
