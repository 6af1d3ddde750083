package dev.kinetic.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The medians over the rounds of one variant at one connection count, each metric's median taken on its own.
 *
 * @param cpuUsPerRequest the median of each charged process's CPU per request
 * @param totalCpuUsPerRequest the median over rounds of the charged processes' summed CPU per request
 * @param errors non-2xx responses plus socket errors, summed over the rounds
 * @param requests completed requests, summed over the rounds
 */
public record Cell(
        Variant variant,
        int connections,
        int rounds,
        double requestsPerSecond,
        double p50Us,
        double p99Us,
        Map<String, Double> cpuUsPerRequest,
        double totalCpuUsPerRequest,
        long errors,
        long requests) {

    /** Summarises the runs of one variant at one connection count. */
    public static Cell of(List<Run> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        Run first = runs.get(0);
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String process : first.cpuUsPerRequest().keySet()) {
            List<Double> values = new ArrayList<>();
            runs.forEach(r -> {
                Double v = r.cpuUsPerRequest().get(process);
                if (v != null) {
                    values.add(v);
                }
            });
            cpu.put(
                    process,
                    median(values.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return new Cell(
                first.variant(),
                first.connections(),
                runs.size(),
                median(runs.stream().mapToDouble(Run::requestsPerSecond).toArray()),
                median(runs.stream().mapToDouble(Run::p50Us).toArray()),
                median(runs.stream().mapToDouble(Run::p99Us).toArray()),
                Map.copyOf(cpu),
                median(runs.stream().mapToDouble(Run::totalCpuUsPerRequest).toArray()),
                runs.stream().mapToLong(Run::errors).sum(),
                runs.stream().mapToLong(Run::requests).sum());
    }

    /** The median; the mean of the middle two for an even count; NaN for none. */
    public static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Whether more than 1% of the requests failed, which makes the latency and throughput figures meaningless. */
    public boolean failing() {
        return errors * 100 > Math.max(requests, 1);
    }
}
