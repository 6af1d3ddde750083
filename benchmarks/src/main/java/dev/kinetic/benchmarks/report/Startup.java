package dev.kinetic.benchmarks.report;

/**
 * One component's start, a line of run.sh's {@code startup.tsv}.
 *
 * @param startupMs from exec to the first request answered 200, in milliseconds; NaN if it never answered
 * @param rssKb VmRSS after {@code requestsOk} requests of 1,000 were answered 200, in kB; negative if not measured
 * @param note why something is missing, or empty
 */
public record Startup(String component, double startupMs, long rssKb, int requestsOk, String note) {

    /** The columns of {@code startup.tsv}, which starts with this header line. */
    public static final String HEADER = "component\tstartup_ms\trss_kb\trequests_ok\tnote";

    public static Startup parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("expected 5 tab-separated columns, got " + f.length + ": " + line);
        }
        return new Startup(
                f[0],
                f[1].isBlank() ? Double.NaN : Double.parseDouble(f[1]),
                f[2].isBlank() ? -1 : Long.parseLong(f[2]),
                f[3].isBlank() ? 0 : Integer.parseInt(f[3]),
                f[4]);
    }
}
