package dev.kinetic.serving.controller.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host name template in the Go-template syntax of {@code config-network}'s {@code domain-template} and
 * {@code tag-template}, limited to plain field placeholders such as {@code {{.Name}}}. Anything else Go templates can
 * do (pipelines, {@code index}, trim markers) is rejected when parsing, so a template either renders the same way
 * Knative would or is reported as a config error.
 */
public final class HostTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\.([A-Za-z][A-Za-z0-9]*)\\s*}}");

    private final String text;
    /** Literal text at even indexes, field names at odd indexes. */
    private final List<String> parts;

    private HostTemplate(String text, List<String> parts) {
        this.text = text;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses {@code text}, allowing only the placeholders in {@code fields}.
     *
     * @throws IllegalArgumentException naming the first unsupported action or field
     */
    public static HostTemplate parse(String text, Set<String> fields) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int end = 0;
        while (m.find()) {
            parts.add(literal(text.substring(end, m.start())));
            String field = m.group(1);
            if (!fields.contains(field)) {
                throw new IllegalArgumentException(
                        "unsupported field {{." + field + "}}, expected one of " + placeholders(fields));
            }
            parts.add(field);
            end = m.end();
        }
        parts.add(literal(text.substring(end)));
        return new HostTemplate(text, parts);
    }

    /** Renders the template; every field it uses must be in {@code values}. */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i % 2 == 0) {
                out.append(parts.get(i));
            } else {
                String value = values.get(parts.get(i));
                if (value == null) {
                    throw new IllegalArgumentException("no value for {{." + parts.get(i) + "}}");
                }
                out.append(value);
            }
        }
        return out.toString();
    }

    /** Whether the template uses the placeholder {@code {{.<field>}}}. */
    public boolean uses(String field) {
        for (int i = 1; i < parts.size(); i += 2) {
            if (parts.get(i).equals(field)) {
                return true;
            }
        }
        return false;
    }

    /** The template as written. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostTemplate other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String literal(String text) {
        if (text.contains("{{") || text.contains("}}")) {
            throw new IllegalArgumentException("unsupported template action in \"" + text + "\"");
        }
        return text;
    }

    private static String placeholders(Set<String> fields) {
        return fields.stream().sorted().map(f -> "{{." + f + "}}").toList().toString();
    }
}
