package dev.kinetic.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The eventing benchmark's results ({@code eventing.tsv}, written by {@code EventingBench}), its targets and its
 * section of the report. Every target compares Kinetic's component with a raw Kafka client doing the same work on
 * the same broker in the same run, except the receiver's CPU per event, which is absolute.
 */
public final class EventingResults {
    /** Dispatch rate, at least this share of the raw consumer + WebClient loop's. */
    public static final double DISPATCH_GOAL = 0.8;
    /** Receiver CPU per accepted event at {@link #CPU_CONNECTIONS} connections, at most this many µs. */
    public static final double RECEIVER_CPU_US = 15;

    public static final int CPU_CONNECTIONS = 64;
    /** End-to-end p50, at most this far above raw Kafka's producer → consumer p50. */
    public static final double LATENCY_OVERHEAD_US = 2000;
    /** More failed events than this share: the figure proves nothing. */
    static final double MAX_ERROR_SHARE = 0.01;

    private EventingResults() {}

    /** How a {@link Measure} or {@link Subject} is written in {@code eventing.tsv}: its name in lower case. */
    static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E of(Class<E> type, String id) {
        return Enum.valueOf(type, id.toUpperCase(Locale.ROOT));
    }

    /** What was measured. */
    public enum Measure {
        /** Events into Kafka: wrk → receiver, or the raw producer; parameter = concurrent requests/sends. */
        INGRESS,
        /** A pre-filled backlog out to the stub subscriber; parameter = events in flight. */
        DISPATCH,
        /** Send → arrival at a fixed rate; parameter = events/s. */
        LATENCY;
    }

    /** Who did the work. */
    public enum Subject {
        /** The baseline: raw Kafka clients (and a raw WebClient loop for dispatch). */
        RAW,
        /** Kinetic's receiver and/or dispatcher. */
        KINETIC,
        /** Latency only: HTTP into Kinetic's receiver, read back by a raw consumer (the receiver's share). */
        RECEIVER,
        /** Latency only: the raw producer into the broker's topic, then Kinetic's dispatcher (its share). */
        DISPATCHER;
    }

    /**
     * One measured run, a line of {@code eventing.tsv}.
     *
     * @param events events completed in the measured window (acknowledged, delivered, or latency samples)
     * @param seconds the measured window
     * @param rate events per second
     * @param p50Us median latency in µs (ack, response or end to end), or NaN
     * @param p99Us 99th percentile in µs, or NaN
     * @param cpuUs CPU µs per event of the charged process (the receiver; for the raw producer the harness JVM), or
     *     NaN
     * @param kafkaCpuUs the Kafka broker's CPU µs per event in the same window, or NaN
     * @param errors failed events (non-2xx answers, socket errors, failed sends)
     * @param note anything the reader should know, or empty
     */
    public record Row(
            Measure measure,
            Subject subject,
            int parameter,
            long events,
            double seconds,
            double rate,
            double p50Us,
            double p99Us,
            double cpuUs,
            double kafkaCpuUs,
            long errors,
            String note) {

        public static final String HEADER =
                "measure\tsubject\tparameter\tevents\tseconds\trate\tp50_us\tp99_us\tcpu_us\tkafka_cpu_us\terrors\tnote";

        public static Row failed(Measure measure, Subject subject, int parameter, String note) {
            return new Row(
                    measure, subject, parameter, 0, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, note);
        }

        public static Row parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 12) {
                throw new IllegalArgumentException("expected 12 tab-separated columns, got " + f.length + ": " + line);
            }
            return new Row(
                    of(Measure.class, f[0]),
                    of(Subject.class, f[1]),
                    Integer.parseInt(f[2]),
                    Long.parseLong(f[3]),
                    Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]),
                    number(f[6]),
                    number(f[7]),
                    number(f[8]),
                    number(f[9]),
                    Long.parseLong(f[10]),
                    f[11]);
        }

        public String line() {
            return String.join(
                    "\t",
                    id(measure),
                    id(subject),
                    Integer.toString(parameter),
                    Long.toString(events),
                    fmt("%.3f", seconds),
                    fmt("%.1f", rate),
                    text(p50Us),
                    text(p99Us),
                    text(cpuUs),
                    text(kafkaCpuUs),
                    Long.toString(errors),
                    note.replace('\t', ' ').replace('\n', ' '));
        }

        /** Whether it measured anything. */
        boolean measured() {
            return events > 0;
        }

        boolean tooManyErrors() {
            return errors > MAX_ERROR_SHARE * (events + errors);
        }

        private static double number(String text) {
            return text.isBlank() ? Double.NaN : Double.parseDouble(text);
        }

        private static String text(double value) {
            return Double.isNaN(value) ? "" : fmt("%.2f", value);
        }
    }

    /** One target's verdict. */
    public record Target(String target, String subject, String measured, Verdict.Outcome outcome) {}

    /** Every target, evaluated on the rows of one run. */
    public static List<Target> targets(List<Row> rows) {
        List<Target> targets = new ArrayList<>();
        for (int n : parameters(rows, Measure.DISPATCH, 50)) {
            targets.add(againstRaw(
                    rows,
                    Measure.DISPATCH,
                    n,
                    "dispatch ≥ " + fmt("%.1f", DISPATCH_GOAL) + "× raw consumer + WebClient loop",
                    "dispatcher, " + n + " in flight",
                    (ours, raw) -> {
                        double ratio = ours.rate() / raw.rate();
                        return new Comparison(
                                fmt("%.0f vs %.0f events/s: %.2f×", ours.rate(), raw.rate(), ratio),
                                ratio >= DISPATCH_GOAL);
                    }));
        }
        Optional<Row> receiver = find(rows, Measure.INGRESS, Subject.KINETIC, CPU_CONNECTIONS);
        String cpuTarget = "receiver CPU ≤ " + fmt("%.0f", RECEIVER_CPU_US) + " µs/event";
        String cpuSubject = "receiver, " + CPU_CONNECTIONS + " connections";
        if (receiver.isEmpty()
                || !receiver.get().measured()
                || Double.isNaN(receiver.get().cpuUs())) {
            targets.add(new Target(cpuTarget, cpuSubject, "—", Verdict.Outcome.NOT_MEASURED));
        } else {
            double cpu = receiver.get().cpuUs();
            targets.add(new Target(
                    cpuTarget, cpuSubject, fmt("%.1f µs/event", cpu), outcome(receiver.get(), cpu <= RECEIVER_CPU_US)));
        }
        for (int rate : parameters(rows, Measure.LATENCY, 1000)) {
            targets.add(againstRaw(
                    rows,
                    Measure.LATENCY,
                    rate,
                    "end-to-end p50 ≤ raw Kafka + " + fmt("%.0f", LATENCY_OVERHEAD_US / 1000) + " ms",
                    "receiver → Kafka → dispatcher, " + fmt("%,d", rate) + " events/s",
                    (ours, raw) -> {
                        double over = ours.p50Us() - raw.p50Us();
                        return new Comparison(
                                fmt(
                                        "%.2f ms vs %.2f ms: +%.2f ms",
                                        ours.p50Us() / 1000, raw.p50Us() / 1000, over / 1000),
                                over <= LATENCY_OVERHEAD_US);
                    }));
        }
        return targets;
    }

    /** What a comparison with the baseline shows, and whether it meets the target. */
    private record Comparison(String measured, boolean met) {}

    /** The distinct parameters of {@code measure}'s rows, or {@code fallback} alone when there are none. */
    private static List<Integer> parameters(List<Row> rows, Measure measure, int fallback) {
        List<Integer> found = rows.stream()
                .filter(r -> r.measure() == measure)
                .map(Row::parameter)
                .distinct()
                .toList();
        return found.isEmpty() ? List.of(fallback) : found;
    }

    /** Kinetic's row against the raw row of the same measure and parameter; not measured unless both are. */
    private static Target againstRaw(
            List<Row> rows,
            Measure measure,
            int parameter,
            String target,
            String subject,
            java.util.function.BiFunction<Row, Row, Comparison> compare) {
        Optional<Row> ours = find(rows, measure, Subject.KINETIC, parameter);
        Optional<Row> raw = find(rows, measure, Subject.RAW, parameter);
        if (ours.isEmpty()
                || raw.isEmpty()
                || !ours.get().measured()
                || !raw.get().measured()) {
            return new Target(target, subject, "—", Verdict.Outcome.NOT_MEASURED);
        }
        Comparison c = compare.apply(ours.get(), raw.get());
        return new Target(target, subject, c.measured(), outcome(ours.get(), c.met()));
    }

    private static Verdict.Outcome outcome(Row ours, boolean met) {
        return ours.tooManyErrors() ? Verdict.Outcome.ERRORS : met ? Verdict.Outcome.PASS : Verdict.Outcome.MISS;
    }

    /** The report section; {@code why} says why there are no rows when {@code eventing.tsv} is empty. */
    public static String markdown(List<String> tsv, Map<String, String> settings, String why) {
        StringBuilder md = new StringBuilder("## Eventing: broker receiver and dispatcher\n\n");
        List<Row> rows = tsv.stream()
                .filter(l -> !l.isBlank() && !l.equals(Row.HEADER))
                .map(Row::parse)
                .toList();
        if (rows.isEmpty()) {
            return md.append(why == null ? "Not run." : why).append("\n\n").toString();
        }
        method(md, settings);

        md.append("### Ingress: events into Kafka\n\n");
        md.append("| path | concurrent | events/s | ×raw | p50 µs | p99 µs | CPU µs/event | Kafka CPU µs/event "
                + "| errors |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.stream()
                .filter(r -> r.measure() == Measure.INGRESS)
                .map(Row::parameter)
                .distinct()
                .sorted()
                .forEach(c -> {
                    Optional<Row> raw = find(rows, Measure.INGRESS, Subject.RAW, c);
                    for (Subject s : Subject.values()) {
                        find(rows, Measure.INGRESS, s, c).ifPresent(r -> md.append("| ")
                                .append(
                                        s == Subject.RAW
                                                ? "raw KafkaProducer (CPU: harness JVM)"
                                                : "wrk → receiver (CPU: receiver)")
                                .append(" | ")
                                .append(c)
                                .append(" | ")
                                .append(figures(r, raw, Row::rate, "%.0f"))
                                .append(" | ")
                                .append(value(r.p50Us(), "%.0f"))
                                .append(" | ")
                                .append(value(r.p99Us(), "%.0f"))
                                .append(" | ")
                                .append(value(r.cpuUs(), "%.1f"))
                                .append(" | ")
                                .append(value(r.kafkaCpuUs(), "%.1f"))
                                .append(" | ")
                                .append(r.errors())
                                .append(" |\n"));
                    }
                });
        md.append('\n');

        md.append("### Dispatch of a backlog\n\n");
        md.append("| path | in flight | events | seconds | events/s | ×raw | errors |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        rows.stream().filter(r -> r.measure() == Measure.DISPATCH).forEach(r -> md.append("| ")
                .append(r.subject() == Subject.RAW ? "raw KafkaConsumer + WebClient → stub" : "dispatcher → stub")
                .append(" | ")
                .append(r.parameter())
                .append(" | ")
                .append(fmt("%,d", r.events()))
                .append(" | ")
                .append(fmt("%.1f", r.seconds()))
                .append(" | ")
                .append(figures(r, find(rows, Measure.DISPATCH, Subject.RAW, r.parameter()), Row::rate, "%.0f"))
                .append(" | ")
                .append(r.errors())
                .append(" |\n"));
        md.append('\n');

        md.append("### End-to-end latency\n\n");
        md.append("| path | events/s | samples | p50 ms | p99 ms | p50 − raw | errors |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        rows.stream().filter(r -> r.measure() == Measure.LATENCY).forEach(r -> {
            Optional<Row> raw = find(rows, Measure.LATENCY, Subject.RAW, r.parameter());
            md.append("| ")
                    .append(
                            switch (r.subject()) {
                                case RAW -> "raw KafkaProducer → KafkaConsumer";
                                case KINETIC -> "HTTP → receiver → Kafka → dispatcher → stub";
                                case RECEIVER -> "HTTP → receiver → Kafka → raw KafkaConsumer";
                                case DISPATCHER -> "raw KafkaProducer → Kafka → dispatcher → stub";
                            })
                    .append(" | ")
                    .append(fmt("%,d", r.parameter()))
                    .append(" | ")
                    .append(fmt("%,d", r.events()))
                    .append(" | ")
                    .append(value(r.p50Us() / 1000, "%.2f"))
                    .append(" | ")
                    .append(value(r.p99Us() / 1000, "%.2f"))
                    .append(" | ")
                    .append(
                            r.subject() == Subject.RAW
                                            || raw.isEmpty()
                                            || !raw.get().measured()
                                    ? "—"
                                    : fmt("%+.2f ms", (r.p50Us() - raw.get().p50Us()) / 1000))
                    .append(" | ")
                    .append(r.errors())
                    .append(" |\n");
        });
        md.append('\n');

        md.append("### Eventing targets\n\n| target | subject | measured | verdict |\n|---|---|---|---|\n");
        List<Target> targets = targets(rows);
        for (Target t : targets) {
            md.append("| ")
                    .append(t.target())
                    .append(" | ")
                    .append(t.subject())
                    .append(" | ")
                    .append(t.measured())
                    .append(" | ")
                    .append(
                            t.outcome().missed()
                                    ? "**" + t.outcome().label() + "**"
                                    : t.outcome().label())
                    .append(" |\n");
        }
        long missed = targets.stream().filter(t -> t.outcome().missed()).count();
        md.append('\n')
                .append(
                        missed == 0
                                ? "All measured eventing targets met."
                                : missed + " of " + targets.size() + " eventing targets missed.")
                .append(" A run with more than 1% failed events misses its target.\n\n");

        for (String name : List.of("receiver", "dispatcher")) {
            String errors = settings.get(name + "_log_errors");
            if (errors != null) {
                md.append("**The ")
                        .append(name)
                        .append(" logged errors during the runs**: ")
                        .append(escape(errors))
                        .append(". Its figures include the cost of those.\n\n");
            }
        }
        List<String> notes = rows.stream()
                .filter(r -> !r.note().isBlank())
                .map(r -> id(r.measure()) + ", " + id(r.subject()) + " (" + r.parameter() + "): " + escape(r.note()))
                .toList();
        if (!notes.isEmpty()) {
            md.append("Notes:\n\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        return md.toString();
    }

    private static void method(StringBuilder md, Map<String, String> settings) {
        md.append("Measured by `EventingBench` (`benchmarks/run.sh`, `SKIP_EVENTING=1` skips it) with nothing else "
                        + "of the benchmark running, on ")
                .append(settings.getOrDefault("cores", "?"))
                .append(" cores shared by every process below (Kafka, receiver, dispatcher, stub, wrk, harness). "
                        + "Every path first runs once unmeasured at the highest concurrency. One Kafka broker (KRaft, combined broker and controller, Kafka's "
                        + "test kit at the clients' version `")
                .append(settings.getOrDefault("kafka_version", "?"))
                .append("`) in a JVM of its own (`KafkaMain`); every topic has ")
                .append(settings.getOrDefault("partitions", "?"))
                .append(" partitions and replication factor 1, and Kinetic and the baselines use the same topics or "
                        + "ones of the same layout. The receiver and the dispatcher are the real Quarkus apps (`")
                .append(settings.getOrDefault("receiver_cmd", "?"))
                .append("`, `")
                .append(settings.getOrDefault("dispatcher_cmd", "?"))
                .append("`) reading their contract from a fake API server (fabric8's mock server, CRUD mode) in the "
                        + "harness JVM. The subscriber is `SubscriberStub`: Vert.x core on one event loop in a process "
                        + "of its own, answering 202. The event is a binary-mode CloudEvent (`ce-*` headers, a ")
                .append(settings.getOrDefault("body_bytes", "?"))
                .append("-byte JSON body); in Kafka, `ce_*` headers and the body as value, no key.\n\n");
        md.append("- **Ingress**: `wrk -t1 -cC -d")
                .append(settings.getOrDefault("duration", "?"))
                .append("s --latency -s post.lua` POSTing the event to the receiver (202 after Kafka's ack), after ")
                .append(settings.getOrDefault("warmup", "?"))
                .append(" s unmeasured; CPU µs/event = the receiver's user + system CPU (`/proc/PID/stat`) over the "
                        + "run ÷ events accepted. Baseline: the raw KafkaProducer ceiling, one producer (")
                .append(settings.getOrDefault("raw_producer", "?"))
                .append(") sending the same record with C sends in flight (a semaphore), latency = send → ack; its CPU "
                        + "column is the whole harness JVM (it also holds the idle fake API server).\n");
        md.append("- **Dispatch**: ")
                .append(settings.getOrDefault("backlog", "?"))
                .append(" events pre-filled into the backlog topic, then delivered to the stub (a) by a raw loop: "
                        + "one KafkaConsumer on its own thread (Kafka's consumer defaults, a fresh group, from the "
                        + "earliest offset) and a Vert.x WebClient on one event loop, at most ")
                .append(settings.getOrDefault("in_flight", "?"))
                .append(" POSTs in flight, offsets committed every second; (b) by the dispatcher, through a trigger "
                        + "with a fresh consumer group added to the contract (`auto.offset.reset=earliest` given to "
                        + "the dispatcher, its in-flight limit is its default). events/s = events ÷ (last arrival − "
                        + "first arrival) at the stub; consumer-group join and startup are not counted. Before its "
                        + "measured run each path delivers ")
                .append(settings.getOrDefault("dispatch_warmup", "0"))
                .append(" backlog events unmeasured with a group of its own (the raw loop in the warm harness JVM, "
                        + "the dispatcher just started: without this the dispatcher was timed while its JIT "
                        + "compiled).\n");
        md.append("- **End-to-end latency**: ")
                .append(settings.getOrDefault("rate", "?"))
                .append(" events/s for ")
                .append(settings.getOrDefault("duration", "?"))
                .append(" s, each stamped with the wall clock (epoch µs) as it is sent, in the extension `sendtime`; "
                        + "latency = arrival − send time. Kinetic: HTTP POST to the receiver → Kafka → dispatcher → "
                        + "stub (which reads `ce-sendtime`). Baseline: raw KafkaProducer (same settings as above) → "
                        + "raw KafkaConsumer on the same broker (`ce_sendtime` record header). Each latency run "
                        + "follows ")
                .append(settings.getOrDefault("latency_warmup", "?"))
                .append(" s of the same load unmeasured (the JIT compiles the low-rate paths; with 2 s both the "
                        + "baseline and Kinetic read several ms). Two more rows split Kinetic's path: the same events "
                        + "read from Kafka by a raw consumer (the receiver's share), and the raw producer pacing into "
                        + "the broker's topic for the dispatcher (the dispatcher's share).\n");
        if (settings.containsKey("jvm")) {
            md.append("- JVMs: ").append(settings.get("jvm")).append('\n');
        }
        if (settings.containsKey("started")) {
            md.append("- This section's runs: ")
                    .append(settings.get("started"))
                    .append(" to ")
                    .append(settings.getOrDefault("finished", "?"))
                    .append(" UTC\n");
        }
        md.append('\n');
    }

    private static String figures(
            Row r, Optional<Row> raw, java.util.function.ToDoubleFunction<Row> metric, String format) {
        String value = fmt(format, metric.applyAsDouble(r));
        if (r.subject() == Subject.RAW || raw.isEmpty() || !raw.get().measured()) {
            return value + " | —";
        }
        return value + " | " + fmt("%.2f", metric.applyAsDouble(r) / metric.applyAsDouble(raw.get()));
    }

    private static Optional<Row> find(List<Row> rows, Measure m, Subject s, int parameter) {
        return rows.stream()
                .filter(r -> r.measure() == m && r.subject() == s && r.parameter() == parameter)
                .reduce((a, b) -> b);
    }

    private static String value(double v, String format) {
        return Double.isNaN(v) ? "—" : fmt(format, v);
    }

    private static String fmt(String format, Object... values) {
        return String.format(Locale.ROOT, format, values);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
