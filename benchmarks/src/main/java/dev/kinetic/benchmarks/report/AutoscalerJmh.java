package dev.kinetic.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The autoscaler's JMH results ({@code jmh-autoscaler.csv}: JMH's CSV output with the GC profiler) as a table of
 * time and bytes allocated per operation, each against its target and beside Knative's published figure.
 */
final class AutoscalerJmh {
    private static final String PACKAGE = "dev.kinetic.benchmarks.autoscaler.";
    private static final String ALLOC = "gc.alloc.rate.norm";

    /** Knative's Go benchmark of one {@code Scale} call (knative/serving#10374). */
    static final String KNATIVE_DECISION = "12.2 µs, 6,131 B, 83 allocs";

    private AutoscalerJmh() {}

    /** One benchmark: its primary score and, if the GC profiler ran, the bytes it allocated per operation. */
    record Result(String benchmark, String params, double score, String unit, Double bytesPerOp) {}

    /** What a benchmark must stay under, and how to show it. */
    private record Target(String label, double maxNanos, double maxBytes, String knative) {}

    private static final Map<String, Target> TARGETS = Map.of(
            "DeciderBenchmark.steady",
            new Target("`Decider.decide`, steady load, not panicking", 2_000, 1024, KNATIVE_DECISION),
            "DeciderBenchmark.panicking",
            new Target("`Decider.decide`, panicking", 2_000, 1024, KNATIVE_DECISION),
            "DeciderBenchmark.steadyWithScaleDownDelay",
            new Target("`Decider.decide`, steady, 60 s scale-down delay", 2_000, 1024, KNATIVE_DECISION),
            "TickBenchmark.tick",
            new Target(
                    "one tick: per revision, a record, two window averages, a decision", 20_000_000, Double.NaN, "—"));

    /** Parses JMH's CSV; secondary results ({@code name:gc.alloc.rate.norm}) are folded into their benchmark. */
    static List<Result> parse(List<String> csv) {
        Map<String, Result> results = new LinkedHashMap<>();
        List<String> paramNames = List.of();
        for (String line : csv) {
            List<String> cells = cells(line);
            if (cells.get(0).equals("Benchmark")) {
                paramNames = cells.subList(Math.min(7, cells.size()), cells.size()).stream()
                        .map(h -> h.replaceFirst("^Param: ", ""))
                        .toList();
            }
            if (cells.size() < 7 || !cells.get(0).startsWith(PACKAGE)) {
                continue;
            }
            String name = cells.get(0).substring(PACKAGE.length());
            List<String> params = new ArrayList<>();
            for (int i = 7; i < cells.size() && i - 7 < paramNames.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    params.add(paramNames.get(i - 7) + "=" + cells.get(i));
                }
            }
            String paramText = String.join(", ", params);
            double score = number(cells.get(4));
            int colon = name.indexOf(':');
            if (colon < 0) {
                results.put(name + paramText, new Result(name, paramText, score, cells.get(6), null));
            } else if (name.substring(colon + 1).replace("·", "").equals(ALLOC)) {
                String key = name.substring(0, colon) + paramText;
                Result r = results.get(key);
                if (r != null) {
                    results.put(key, new Result(r.benchmark(), r.params(), r.score(), r.unit(), score));
                }
            }
        }
        return new ArrayList<>(results.values());
    }

    /** The report section; {@code why} says why there are no results when the CSV is empty. */
    static String markdown(List<String> csv, String why, String jmhArgs) {
        StringBuilder md = new StringBuilder("## Autoscaler microbenchmarks (JMH)\n\n");
        List<Result> results = parse(csv);
        if (results.isEmpty()) {
            return md.append(why == null ? "Not run." : why).append("\n\n").toString();
        }
        md.append("`java -jar benchmarks/target/kinetic-benchmarks.jar 'dev.kinetic.benchmarks.autoscaler.' ")
                .append(jmhArgs)
                .append(" -prof gc` (short settings: indicative). Average time per operation; *allocated* is the GC ")
                .append("profiler's `gc.alloc.rate.norm`. Knative's figure is its Go benchmark of one `Scale` call ")
                .append("(knative/serving#10374, December 2020), which also reads its metric client and records ")
                .append("metrics: a reference, not a like-for-like comparison.\n\n");
        md.append("| benchmark | time | allocated | target | Knative | verdict |\n|---|---|---|---|---|---|\n");
        for (Result r : results) {
            Target t = TARGETS.get(r.benchmark());
            double nanos = nanos(r.score(), r.unit());
            boolean timeOk = t == null || nanos <= t.maxNanos();
            boolean bytesOk =
                    t == null || Double.isNaN(t.maxBytes()) || r.bytesPerOp() == null || r.bytesPerOp() <= t.maxBytes();
            md.append("| ")
                    .append(t == null ? r.benchmark() : t.label())
                    .append(r.params().isEmpty() ? "" : " (" + r.params() + ")")
                    .append(" | ")
                    .append(time(nanos))
                    .append(" | ")
                    .append(r.bytesPerOp() == null ? "—" : bytes(r.bytesPerOp()))
                    .append(" | ")
                    .append(t == null ? "—" : target(t))
                    .append(" | ")
                    .append(t == null ? "—" : t.knative())
                    .append(" | ")
                    .append(t == null ? "—" : (timeOk && bytesOk ? Verdict.Outcome.PASS : Verdict.Outcome.MISS).label())
                    .append(" |\n");
        }
        return md.append('\n').toString();
    }

    private static String target(Target t) {
        String time = "≤ " + time(t.maxNanos());
        return Double.isNaN(t.maxBytes()) ? time : time + ", ≤ " + bytes(t.maxBytes());
    }

    static double nanos(double score, String unit) {
        return switch (unit) {
            case "ns/op" -> score;
            case "us/op" -> score * 1e3;
            case "ms/op" -> score * 1e6;
            case "s/op" -> score * 1e9;
            default -> Double.NaN;
        };
    }

    static String time(double nanos) {
        if (Double.isNaN(nanos)) {
            return "?";
        }
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f µs", nanos / 1e3);
        }
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    static String bytes(double b) {
        if (b < 1024) {
            return String.format(Locale.ROOT, "%.0f B", b);
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", b / 1024);
        }
        return String.format(Locale.ROOT, "%.1f MiB", b / 1024 / 1024);
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The cells of one CSV line: quoted or bare, separated by commas. */
    static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
