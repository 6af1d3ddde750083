package dev.kinetic.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The heap an idle revision costs the autoscaler and the activator, measured by {@code IdleRevisionHeap} on the real
 * processes: {@code heap.tsv} ({@link Row}), {@code heap-classes.tsv} ({@link ClassRow}) and
 * {@code heap-settings.tsv} ({@code key<TAB>value}). Per revision = (used heap at N − used heap at 0) / N, against
 * the target of {@value #TARGET_MIB} MiB. Rows with extra flags (a component measured again with more heap after it
 * exited) are shown for their figures, without a verdict: the target is about the shipped configuration.
 */
public final class IdleHeap {
    /** The most heap one idle revision may cost a component, in MiB. */
    public static final double TARGET_MIB = 0.05;

    private IdleHeap() {}

    /** How a measurement ended. */
    public enum Status {
        /** Measured. */
        OK,
        /** The component exited (an OutOfMemoryError with the shipped flags, say): it cannot hold that many. */
        EXITED,
        /** It had not seen every revision when the harness stopped waiting. */
        TIMEOUT,
        /** The harness could not measure (a jar missing, jcmd failing). */
        ERROR;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One component at one number of idle revisions, a line of {@code heap.tsv}.
     *
     * @param flags JVM flags added to the shipped ones, or empty
     * @param usedKb heap in use after two full collections, KiB; −1 if not measured
     * @param liveBytes the class histogram's total (live objects), bytes; −1 if not measured
     * @param rssKb VmRSS, KiB; −1 if not measured
     * @param seenSeconds from exec until the component had seen every revision; NaN if it never did
     * @param note anything the reader should know (why it was not measured, a heap that kept moving), or empty
     */
    public record Row(
            String component,
            String flags,
            int revisions,
            Status status,
            long usedKb,
            long liveBytes,
            long rssKb,
            double seenSeconds,
            String note) {

        /** The columns of {@code heap.tsv}, which starts with this header line. */
        public static final String HEADER =
                "component\tflags\trevisions\tstatus\tused_kb\tlive_bytes\trss_kb\tseen_s\tnote";

        public static Row failed(String component, String flags, int revisions, Status status, String note) {
            return new Row(component, flags, revisions, status, -1, -1, -1, Double.NaN, note);
        }

        public static Row parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 9) {
                throw new IllegalArgumentException("expected 9 tab-separated columns, got " + f.length + ": " + line);
            }
            return new Row(
                    f[0],
                    f[1],
                    Integer.parseInt(f[2]),
                    Status.of(f[3]),
                    number(f[4]),
                    number(f[5]),
                    number(f[6]),
                    f[7].isBlank() ? Double.NaN : Double.parseDouble(f[7]),
                    f[8]);
        }

        /** As shipped, or with extra flags. */
        public boolean shipped() {
            return flags.isBlank();
        }

        /** The component and its extra flags, as the report names it. */
        String subject() {
            return shipped() ? component : component + " with `" + flags + "`";
        }

        public String line() {
            return String.join(
                    "\t",
                    component,
                    flags,
                    Integer.toString(revisions),
                    status.id(),
                    usedKb < 0 ? "" : Long.toString(usedKb),
                    liveBytes < 0 ? "" : Long.toString(liveBytes),
                    rssKb < 0 ? "" : Long.toString(rssKb),
                    Double.isNaN(seenSeconds) ? "" : String.format(Locale.ROOT, "%.1f", seenSeconds),
                    note.replace('\t', ' ').replace('\n', ' '));
        }

        private static long number(String text) {
            return text.isBlank() ? -1 : Long.parseLong(text);
        }
    }

    /**
     * How much one class grew between 0 and {@code revisions} idle revisions in one component, a line of
     * {@code heap-classes.tsv}.
     */
    public record ClassRow(
            String component, String flags, int revisions, String className, long instances, long bytes) {

        public static final String HEADER = "component\tflags\trevisions\tclass\tinstances\tbytes";

        public static ClassRow parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 6) {
                throw new IllegalArgumentException("expected 6 tab-separated columns, got " + f.length + ": " + line);
            }
            return new ClassRow(f[0], f[1], Integer.parseInt(f[2]), f[3], Long.parseLong(f[4]), Long.parseLong(f[5]));
        }

        String subject() {
            return flags.isBlank() ? component : component + " with `" + flags + "`";
        }

        public String line() {
            return String.join(
                    "\t",
                    component,
                    flags,
                    Integer.toString(revisions),
                    className,
                    Long.toString(instances),
                    Long.toString(bytes));
        }
    }

    /** Heap per idle revision in MiB, if both this row and the component's baseline were measured. */
    static Optional<Double> perRevisionMib(Row row, Row baseline) {
        if (row.revisions() <= 0 || row.status() != Status.OK || baseline == null || baseline.status() != Status.OK) {
            return Optional.empty();
        }
        return Optional.of((row.usedKb() - baseline.usedKb()) / 1024.0 / row.revisions());
    }

    /**
     * The verdict on one row: PASS or MISS on its figure, MISS if the component exited, else not measured; empty for
     * rows with extra flags, which the target is not about.
     */
    static Optional<Verdict.Outcome> verdict(Row row, Row baseline) {
        return row.shipped() ? Optional.of(outcome(row, baseline)) : Optional.empty();
    }

    static Verdict.Outcome outcome(Row row, Row baseline) {
        if (row.status() == Status.EXITED) {
            return Verdict.Outcome.MISS;
        }
        return perRevisionMib(row, baseline)
                .map(mib -> mib <= TARGET_MIB ? Verdict.Outcome.PASS : Verdict.Outcome.MISS)
                .orElse(Verdict.Outcome.NOT_MEASURED);
    }

    /** The report section; {@code why} says why there are no rows when {@code heap.tsv} is empty. */
    static String markdown(List<String> heapTsv, List<String> classesTsv, Map<String, String> settings, String why) {
        StringBuilder md = new StringBuilder("## Heap per idle revision\n\n");
        List<Row> rows = sorted(heapTsv.stream()
                .filter(l -> !l.isBlank() && !l.equals(Row.HEADER))
                .map(Row::parse)
                .toList());
        if (rows.isEmpty()) {
            return md.append(why == null ? "Not run." : why).append("\n\n").toString();
        }
        md.append("Target: each idle revision (scaled to zero) costs the autoscaler and the activator at most ")
                .append(fmt("%.2f", TARGET_MIB))
                .append(" MiB of heap. Measured on the real processes by `IdleRevisionHeap`: a fake API server (")
                .append("fabric8's, CRUD mode) is filled with N idle revisions (Revision, Deployment at 0 replicas, ")
                .append("PodAutoscaler, ServerlessService in Proxy mode, private and public EndpointSlices), the ")
                .append("component is started against it and waited for until it has seen them all (")
                .append(settings.getOrDefault("seen", "see benchmarks/README.md"))
                .append("), then `jcmd GC.run` twice and `GC.heap_info`: *used heap* is what the collected heap ")
                .append("still holds. Per revision = (used at N − used at 0) / N. *Live objects* is the class ")
                .append("histogram's total after one more full collection; RSS is `VmRSS`.\n\n");
        md.append("- autoscaler: `java ")
                .append(settings.getOrDefault("autoscaler_flags", "?"))
                .append(" -jar autoscaler/target/quarkus-app/quarkus-run.jar`, JVM and Quarkus defaults otherwise ")
                .append("(given its API server and HTTP port; leader election on, as built, on a Lease in the fake ")
                .append("API server)\n");
        md.append("- activator: `java ")
                .append(settings.getOrDefault("activator_flags", "?"))
                .append(" -jar activator/target/kinetic-activator.jar` (its shipped `jvm.flags`)\n");
        if (settings.containsKey("fill")) {
            md.append("- API server: ").append(settings.get("fill")).append('\n');
        }
        md.append('\n');

        Map<String, Row> baselines = new LinkedHashMap<>();
        rows.stream().filter(r -> r.revisions() == 0).forEach(r -> baselines.put(r.subject(), r));
        md.append("| component | idle revisions | used heap | live objects | RSS | all seen after | heap per revision "
                        + "| verdict (≤ ")
                .append(fmt("%.2f", TARGET_MIB))
                .append(" MiB) |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
        List<String> notes = new ArrayList<>();
        for (Row r : rows) {
            Row baseline = baselines.get(r.subject());
            md.append("| ")
                    .append(r.subject())
                    .append(" | ")
                    .append(fmt("%,d", r.revisions()))
                    .append(" | ");
            if (r.status() == Status.OK) {
                md.append(mib(r.usedKb() / 1024.0))
                        .append(" | ")
                        .append(mib(r.liveBytes() / 1024.0 / 1024.0))
                        .append(" | ")
                        .append(mib(r.rssKb() / 1024.0))
                        .append(" | ")
                        .append(Double.isNaN(r.seenSeconds()) ? "—" : fmt("%.0f s", r.seenSeconds()))
                        .append(" | ");
            } else {
                md.append(r.status() == Status.EXITED ? "exited" : "not measured")
                        .append(" (note ")
                        .append(notes.size() + 1)
                        .append(") | | | | ");
            }
            if (r.revisions() == 0) {
                md.append("(baseline) | |\n");
            } else {
                Optional<Double> perRevision = perRevisionMib(r, baseline);
                md.append(perRevision
                                .map(m -> fmt("%.4f MiB (%.1f KiB)", m, m * 1024))
                                .orElse(r.status() == Status.OK ? "no baseline" : "—"))
                        .append(" | ");
                md.append(verdict(r, baseline)
                                .map(o -> o.missed() ? "**" + o.label() + "**" : o.label())
                                .orElse("— (not the shipped flags)"))
                        .append(" |\n");
            }
            if (!r.note().isBlank()) {
                notes.add(r.subject() + ", " + fmt("%,d", r.revisions()) + " revisions: " + escape(r.note()));
            }
        }
        md.append('\n');
        for (int i = 0; i < notes.size(); i++) {
            md.append(i + 1).append(". ").append(notes.get(i)).append('\n');
        }
        if (!notes.isEmpty()) {
            md.append('\n');
        }
        classes(md, classesTsv);
        return md.toString();
    }

    /**
     * Per component, one breakdown: at the largest N that has one (as shipped if both the shipped and the retried
     * configuration have it), the classes that grew most, per revision.
     */
    private static void classes(StringBuilder md, List<String> classesTsv) {
        List<ClassRow> rows = classesTsv.stream()
                .filter(l -> !l.isBlank() && !l.equals(ClassRow.HEADER))
                .map(ClassRow::parse)
                .toList();
        Map<String, ClassRow> chosen = new LinkedHashMap<>();
        for (ClassRow r : rows) {
            chosen.merge(
                    r.component(),
                    r,
                    (a, b) -> b.revisions() > a.revisions()
                                    || (b.revisions() == a.revisions()
                                            && b.flags().isBlank()
                                            && !a.flags().isBlank())
                            ? b
                            : a);
        }
        for (ClassRow pick : chosen.values()) {
            int n = pick.revisions();
            List<ClassRow> top = rows.stream()
                    .filter(r -> r.subject().equals(pick.subject()) && r.revisions() == n)
                    .sorted(Comparator.comparingLong(ClassRow::bytes).reversed())
                    .toList();
            md.append("Where the heap goes in the ")
                    .append(pick.subject())
                    .append(", per idle revision (live objects by class at ")
                    .append(fmt("%,d", n))
                    .append(" revisions minus at 0, divided by ")
                    .append(fmt("%,d", n))
                    .append("; the classes that grew most):\n\n| class | instances | bytes |\n|---|---:|---:|\n");
            for (ClassRow r : top) {
                md.append("| `")
                        .append(r.className())
                        .append("` | ")
                        .append(fmt("%.1f", (double) r.instances() / n))
                        .append(" | ")
                        .append(fmt("%,.0f", (double) r.bytes() / n))
                        .append(" |\n");
            }
            md.append('\n');
        }
    }

    /** Grouped by component (in order of first appearance), shipped flags first, then by number of revisions. */
    static List<Row> sorted(List<Row> rows) {
        List<String> components = rows.stream().map(Row::component).distinct().toList();
        return rows.stream()
                .sorted(Comparator.comparingInt((Row r) -> components.indexOf(r.component()))
                        .thenComparing(r -> !r.shipped())
                        .thenComparing(Row::flags)
                        .thenComparingInt(Row::revisions))
                .toList();
    }

    private static String mib(double mib) {
        return fmt("%.1f MiB", mib);
    }

    private static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
