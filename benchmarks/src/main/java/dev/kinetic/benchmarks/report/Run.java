package dev.kinetic.benchmarks.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured wrk run of one variant, a line of run.sh's {@code results.tsv}.
 *
 * @param cpuUsPerRequest CPU time (user + system) of each charged process during the run, in microseconds per
 *     completed request, by process name
 */
public record Run(
        Variant variant,
        int connections,
        int round,
        long requests,
        double requestsPerSecond,
        double p50Us,
        double p99Us,
        long errors,
        Map<String, Double> cpuUsPerRequest) {

    /** The columns of {@code results.tsv}, which starts with this header line. */
    public static final String HEADER = "variant\tconnections\tround\trequests\trps\tp50_us\tp99_us\terrors\tcpu";

    /** CPU microseconds per request of all charged processes together. */
    public double totalCpuUsPerRequest() {
        return cpuUsPerRequest.values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /**
     * Parses a line of {@code results.tsv}; the last column is {@code name=µs;name=µs}.
     *
     * @throws IllegalArgumentException if the line does not have the columns of {@link #HEADER}
     */
    public static Run parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9) {
            throw new IllegalArgumentException("expected 9 tab-separated columns, got " + f.length + ": " + line);
        }
        Variant variant = Variant.byId(f[0]).orElseThrow(() -> new IllegalArgumentException("unknown variant " + f[0]));
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String entry : f[8].split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("bad cpu entry '" + entry + "' in: " + line);
            }
            cpu.put(entry.substring(0, eq), Double.parseDouble(entry.substring(eq + 1)));
        }
        return new Run(
                variant,
                Integer.parseInt(f[1]),
                Integer.parseInt(f[2]),
                Long.parseLong(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]),
                Long.parseLong(f[7]),
                Map.copyOf(cpu));
    }
}
