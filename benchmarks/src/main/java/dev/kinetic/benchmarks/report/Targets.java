package dev.kinetic.benchmarks.report;

import dev.kinetic.benchmarks.report.Verdict.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance targets of the data plane, and their evaluation against one run's medians. Every ratio is to the
 * nginx hop measured in the same run, so that the machine's speed cancels out.
 */
public final class Targets {
    /** A hop's CPU per request should not exceed nginx's... */
    public static final double CPU_GOAL = 1.0;
    /** ...and must not exceed 1.5 times it. */
    public static final double CPU_LIMIT = 1.5;
    /** Requests per second at {@link #THROUGHPUT_CONNECTIONS} connections, at least this share of nginx's. */
    public static final double THROUGHPUT_GOAL = 0.8;

    public static final int THROUGHPUT_CONNECTIONS = 64;
    /** p50 at one connection, at most this much above the direct path's. */
    public static final double P50_OVERHEAD_US = 80;

    public static final double STARTUP_MS = 1000;
    /** The queue-proxy's RSS after 1,000 requests, with the JVM flags it ships. */
    public static final long QUEUE_PROXY_RSS_KB = 64 * 1024;

    private Targets() {}

    /** Cells by variant and connection count. */
    public interface Cells {
        Cell get(Variant variant, int connections);
    }

    /** Evaluates every load target for every Kinetic variant, at every connection count measured. */
    public static List<Verdict> load(Cells cells, List<Integer> connections) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int c : connections) {
            Cell nginx = cells.get(Variant.NGINX, c);
            for (Variant v : List.of(Variant.QUEUE_PROXY, Variant.ACTIVATOR, Variant.ACTIVATOR_QUEUE_PROXY)) {
                Cell cell = cells.get(v, c);
                for (String process : v.processes()) {
                    String subject = v.processes().size() == 1 ? v.title() : process + " (in " + v.title() + ")";
                    verdicts.add(cpu(subject, v, c, cell, nginx, process));
                }
            }
        }
        if (connections.contains(THROUGHPUT_CONNECTIONS)) {
            Cell nginx = cells.get(Variant.NGINX, THROUGHPUT_CONNECTIONS);
            for (Variant v : List.of(Variant.QUEUE_PROXY, Variant.ACTIVATOR, Variant.ACTIVATOR_QUEUE_PROXY)) {
                verdicts.add(throughput(v, cells.get(v, THROUGHPUT_CONNECTIONS), nginx));
            }
        }
        if (connections.contains(1)) {
            Cell direct = cells.get(Variant.DIRECT, 1);
            for (Variant v : List.of(Variant.QUEUE_PROXY, Variant.ACTIVATOR, Variant.ACTIVATOR_QUEUE_PROXY)) {
                verdicts.add(p50(v, cells.get(v, 1), direct));
            }
        }
        return verdicts;
    }

    static Verdict cpu(String subject, Variant v, int c, Cell cell, Cell nginx, String process) {
        String target = "CPU/request ≤ " + CPU_GOAL + "× nginx (limit " + CPU_LIMIT + "×), " + c + " conn.";
        if (cell == null || nginx == null || !cell.cpuUsPerRequest().containsKey(process)) {
            return new Verdict(target, subject, v, c, "—", Outcome.NOT_MEASURED);
        }
        double ratio = cell.cpuUsPerRequest().get(process) / nginx.totalCpuUsPerRequest();
        String measured = String.format(
                Locale.ROOT,
                "%.2f× (%.1f µs vs %.1f µs)",
                ratio,
                cell.cpuUsPerRequest().get(process),
                nginx.totalCpuUsPerRequest());
        Outcome outcome = cell.failing()
                ? Outcome.ERRORS
                : ratio <= CPU_GOAL ? Outcome.PASS : ratio <= CPU_LIMIT ? Outcome.MISS : Outcome.MISS_OVER_LIMIT;
        return new Verdict(target, subject, v, c, measured, outcome);
    }

    static Verdict throughput(Variant v, Cell cell, Cell nginx) {
        String target = "req/s ≥ " + THROUGHPUT_GOAL + "× nginx, " + THROUGHPUT_CONNECTIONS + " conn.";
        if (cell == null || nginx == null) {
            return new Verdict(target, v.title(), v, THROUGHPUT_CONNECTIONS, "—", Outcome.NOT_MEASURED);
        }
        double ratio = cell.requestsPerSecond() / nginx.requestsPerSecond();
        String measured = String.format(
                Locale.ROOT, "%.2f× (%.0f vs %.0f)", ratio, cell.requestsPerSecond(), nginx.requestsPerSecond());
        Outcome outcome = cell.failing() ? Outcome.ERRORS : ratio >= THROUGHPUT_GOAL ? Outcome.PASS : Outcome.MISS;
        return new Verdict(target, v.title(), v, THROUGHPUT_CONNECTIONS, measured, outcome);
    }

    static Verdict p50(Variant v, Cell cell, Cell direct) {
        String target = "p50 ≤ direct + " + (int) P50_OVERHEAD_US + " µs, 1 conn.";
        if (cell == null || direct == null) {
            return new Verdict(target, v.title(), v, 1, "—", Outcome.NOT_MEASURED);
        }
        double overhead = cell.p50Us() - direct.p50Us();
        String measured =
                String.format(Locale.ROOT, "+%.0f µs (%.0f vs %.0f µs)", overhead, cell.p50Us(), direct.p50Us());
        Outcome outcome = cell.failing() ? Outcome.ERRORS : overhead <= P50_OVERHEAD_US ? Outcome.PASS : Outcome.MISS;
        return new Verdict(target, v.title(), v, 1, measured, outcome);
    }

    /** Startup time of the queue-proxy and the activator, and the queue-proxy's RSS. */
    public static List<Verdict> startup(Map<String, Startup> byComponent) {
        List<Verdict> verdicts = new ArrayList<>();
        for (String component : List.of("queue-proxy", "activator")) {
            Startup s = byComponent.get(component);
            String target = "exec → first answered request ≤ " + (int) STARTUP_MS + " ms";
            if (s == null || Double.isNaN(s.startupMs())) {
                verdicts.add(new Verdict(target, component, null, 0, "—", Outcome.NOT_MEASURED));
            } else {
                verdicts.add(new Verdict(
                        target,
                        component,
                        null,
                        0,
                        String.format(Locale.ROOT, "%.0f ms", s.startupMs()),
                        s.startupMs() <= STARTUP_MS ? Outcome.PASS : Outcome.MISS));
            }
        }
        Startup qp = byComponent.get("queue-proxy");
        String target = "RSS after 1,000 requests ≤ " + QUEUE_PROXY_RSS_KB / 1024 + " MiB";
        if (qp == null || qp.rssKb() < 0) {
            verdicts.add(new Verdict(target, "queue-proxy", null, 0, "—", Outcome.NOT_MEASURED));
        } else {
            verdicts.add(new Verdict(
                    target,
                    "queue-proxy",
                    null,
                    0,
                    String.format(Locale.ROOT, "%.1f MiB", qp.rssKb() / 1024.0),
                    qp.rssKb() <= QUEUE_PROXY_RSS_KB ? Outcome.PASS : Outcome.MISS));
        }
        return verdicts;
    }
}
