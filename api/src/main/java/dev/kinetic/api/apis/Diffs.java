package dev.kinetic.api.apis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A readable {@code -old +new} listing of what differs between two JSON trees, for immutability errors. */
public final class Diffs {
    private Diffs() {}

    /** One line per changed leaf, {@code -path: old} then {@code +path: new}; empty when equal. */
    public static String describe(JsonNode before, JsonNode after) {
        List<String> lines = new ArrayList<>();
        walk("", before, after, lines);
        return String.join("\n", lines);
    }

    private static void walk(String path, JsonNode a, JsonNode b, List<String> lines) {
        if (a == null || a.isMissingNode()) {
            a = null;
        }
        if (b == null || b.isMissingNode()) {
            b = null;
        }
        if (a != null && a.equals(b) || a == null && b == null) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), lines);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            int n = Math.max(a.size(), b.size());
            for (int i = 0; i < n; i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), lines);
            }
            return;
        }
        if (a != null) {
            lines.add("-" + path + ": " + a);
        }
        if (b != null) {
            lines.add("+" + path + ": " + b);
        }
    }
}
