package dev.kinetic.benchmarks.heap;

import dev.kinetic.api.autoscaling.v1alpha1.PodAutoscaler;
import dev.kinetic.benchmarks.FakeApiServer;
import dev.kinetic.benchmarks.report.IdleHeap;
import dev.kinetic.benchmarks.report.IdleHeap.ClassRow;
import dev.kinetic.benchmarks.report.IdleHeap.Row;
import dev.kinetic.benchmarks.report.IdleHeap.Status;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Measures the heap an idle revision costs the autoscaler and the activator, as real processes: for each N, a fresh
 * fake API server holding N idle revisions ({@link IdleRevisions}), then each component started against it, waited
 * for until it has seen every revision, and measured ({@link JvmMemory}). Writes {@code heap.tsv},
 * {@code heap-classes.tsv} and {@code heap-settings.tsv} into the work directory for the report ({@link IdleHeap}),
 * and every component's log and class histograms into {@code heap/}. Every process it starts is killed before it
 * moves on.
 *
 * <p>A component that exits at some N (an OutOfMemoryError with its shipped heap limit, say) misses the target
 * there; to still learn what each revision costs it, it is measured again at that N and at 0 with
 * {@code --retry-flags} added (a larger {@code -Xmx}), reported apart as not the shipped configuration.
 *
 * <p>Arguments: {@code --work DIR} (required), {@code --revisions "0 1000 10000"}, {@code --autoscaler JAR},
 * {@code --autoscaler-flags "-Xmx1g"}, {@code --activator JAR}, {@code --activator-flags-file FILE} (its
 * {@code jvm.flags}), {@code --retry-flags "-Xmx512m"} (empty: no retry), {@code --timeout SECONDS} (how long a
 * component may take to see every revision, 900), {@code --threads N} (connections filling the API server, 8).
 */
public final class IdleRevisionHeap {
    static final String AUTOSCALER = "autoscaler";
    static final String ACTIVATOR = "activator";
    /** One per revision in the autoscaler: created by the KPA reconciler the first time it sees the PodAutoscaler. */
    static final String AUTOSCALER_MARKER = "dev.kinetic.autoscaler.kpa.Deciders$Entry";
    /** One per revision in the activator: created when the Revision reaches its backend registry. */
    static final String ACTIVATOR_MARKER = "dev.kinetic.activator.discovery.BackendRegistry$RevisionBackend";

    static final String SEEN = "autoscaler: every PodAutoscaler has a status with `observedGeneration` (which only "
            + "the autoscaler writes) and one `Deciders$Entry` per revision lives in its heap; activator: it answers "
            + "its health check, which it does only once its informers have listed everything, and one "
            + "`BackendRegistry$RevisionBackend` per revision lives in its heap";

    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(10);
    /** Samples until two in a row agree within max(1 MiB, 2%), at most this many. */
    private static final int MAX_SAMPLES = 5;

    private static final int TOP_CLASSES = 12;

    private final Path work;
    private final Path logs;
    private final List<Integer> counts;
    private final Path autoscalerJar;
    private final List<String> autoscalerFlags;
    private final Path activatorJar;
    private final List<String> activatorFlags;
    private final Duration timeout;
    private final int threads;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<String> retryFlags;
    /** subject → revisions → the class histogram of its last sample. */
    private final Map<Subject, Map<Integer, Map<String, JvmMemory.ClassCount>>> histograms = new LinkedHashMap<>();

    private final List<Process> running = new ArrayList<>();

    private IdleRevisionHeap(Map<String, String> options) throws IOException {
        this.work = Path.of(required(options, "work"));
        this.logs = work.resolve("heap");
        this.counts = Arrays.stream(
                        options.getOrDefault("revisions", "0 1000 10000").trim().split("[\\s,]+"))
                .map(Integer::parseInt)
                .sorted()
                .distinct()
                .toList();
        this.autoscalerJar = pathOrNull(options.get("autoscaler"));
        this.autoscalerFlags = words(options.getOrDefault("autoscaler-flags", "-Xmx1g"));
        this.activatorJar = pathOrNull(options.get("activator"));
        this.activatorFlags = options.containsKey("activator-flags-file")
                ? words(Files.readString(Path.of(options.get("activator-flags-file"))))
                : List.of();
        this.retryFlags = words(options.getOrDefault("retry-flags", "-Xmx512m"));
        this.timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "900")));
        this.threads = Integer.parseInt(options.getOrDefault("threads", "8"));
    }

    public static void main(String[] args) throws Exception {
        IdleRevisionHeap harness = new IdleRevisionHeap(options(args));
        Runtime.getRuntime().addShutdownHook(new Thread(harness::killAll, "idle-heap-cleanup"));
        harness.run();
        System.exit(0);
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        Files.writeString(work.resolve("heap.tsv"), Row.HEADER + "\n");
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("started", now());
        settings.put("revisions", counts.toString());
        settings.put("autoscaler_flags", String.join(" ", autoscalerFlags));
        settings.put("activator_flags", String.join(" ", activatorFlags));
        settings.put("seen", SEEN);
        List<String> fills = new ArrayList<>();
        List<Subject> retried = new ArrayList<>();

        for (int n : counts) {
            KubernetesServer server = FakeApiServer.start(0);
            try {
                KubernetesClient client = server.getClient();
                long t0 = System.nanoTime();
                EndpointSlice activators = IdleRevisions.createSystem(client);
                IdleRevisions.create(client, activators, n, threads, done -> {
                    if (done % 1000 == 0) {
                        log("API server: " + done + " of " + n + " idle revisions");
                    }
                });
                double fillSeconds = (System.nanoTime() - t0) / 1e9;
                log(String.format(Locale.ROOT, "API server holds %d idle revisions (%.0f s)", n, fillSeconds));
                if (n > 0) {
                    fills.add(String.format(Locale.ROOT, "%,d revisions written in %.0f s", n, fillSeconds));
                }
                String url = client.getMasterUrl().toString();
                for (String component : List.of(AUTOSCALER, ACTIVATOR)) {
                    Row row = measure(new Subject(component, List.of()), n, url, client);
                    append(row);
                    if (row.status() == Status.EXITED && n > 0 && !retryFlags.isEmpty()) {
                        Subject more = new Subject(component, retryFlags);
                        append(measure(more, n, url, client));
                        if (!retried.contains(more)) {
                            retried.add(more);
                        }
                    }
                }
            } finally {
                server.after();
            }
        }
        if (!retried.isEmpty()) {
            // Their baselines, with the same flags.
            KubernetesServer server = FakeApiServer.start(0);
            try {
                KubernetesClient client = server.getClient();
                IdleRevisions.createSystem(client);
                for (Subject subject : retried) {
                    append(measure(subject, 0, client.getMasterUrl().toString(), client));
                }
            } finally {
                server.after();
            }
        }

        writeClasses();
        settings.put(
                "fill",
                "a fresh one per N, written over " + threads + " connections, 9 requests per revision"
                        + (fills.isEmpty() ? "" : " (" + String.join(", ", fills) + ")"));
        settings.put("finished", now());
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('\t').append(v).append('\n'));
        Files.writeString(work.resolve("heap-settings.tsv"), text);
    }

    // ------------------------------------------------------------------------------------------ one measurement

    /** A component and the flags added to its shipped ones (none: as shipped). */
    record Subject(String component, List<String> extraFlags) {
        String flags() {
            return String.join(" ", extraFlags);
        }

        /** For file names: {@code activator}, {@code activator-xmx512m}. */
        String fileName() {
            String suffix = flags().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
            return suffix.isEmpty() ? component : component + "-" + suffix;
        }

        @Override
        public String toString() {
            return extraFlags.isEmpty() ? component : component + " with " + flags();
        }
    }

    private Row measure(Subject subject, int n, String apiUrl, KubernetesClient client) {
        String component = subject.component();
        Path jar = component.equals(AUTOSCALER) ? autoscalerJar : activatorJar;
        if (jar == null || !Files.isRegularFile(jar)) {
            String why = jar == null ? "no jar was given (it did not build)" : jar + " is missing";
            log(subject + ": " + why);
            return Row.failed(component, subject.flags(), n, Status.ERROR, why);
        }
        Path log = logs.resolve(subject.fileName() + "-" + n + ".log");
        Process process = null;
        long t0 = System.nanoTime();
        try {
            int port = freePort();
            ProcessBuilder pb;
            String readyUrl;
            if (component.equals(AUTOSCALER)) {
                List<String> cmd = new ArrayList<>(List.of(java()));
                cmd.addAll(autoscalerFlags);
                cmd.addAll(subject.extraFlags());
                cmd.addAll(quarkusFlags(apiUrl, port));
                cmd.addAll(List.of("-jar", jar.toString()));
                pb = new ProcessBuilder(cmd);
                readyUrl = "http://127.0.0.1:" + port + "/q/health/ready";
            } else {
                List<String> cmd = new ArrayList<>(List.of(java()));
                cmd.addAll(activatorFlags);
                cmd.addAll(subject.extraFlags());
                cmd.addAll(List.of("-jar", jar.toString()));
                pb = new ProcessBuilder(cmd);
                pb.environment().putAll(activatorEnv(apiUrl, port, freePort(), freePort()));
                readyUrl = "http://127.0.0.1:" + port + "/healthz";
            }
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            log(subject + ": starting with " + n + " idle revisions (log: " + log + ")");
            process = pb.start();
            running.add(process);
            long pid = process.pid();

            awaitReady(process, readyUrl, log);
            awaitAllSeen(component, process, n, client, t0, log);
            double seen = (System.nanoTime() - t0) / 1e9;
            log(String.format(Locale.ROOT, "%s: has seen all %d revisions after %.1f s; settling", subject, n, seen));

            JvmMemory.Sample last = null;
            String note = "";
            for (int i = 1; i <= MAX_SAMPLES; i++) {
                sleep(SETTLE, process, log);
                JvmMemory.Sample sample = JvmMemory.sample(pid);
                log(String.format(
                        Locale.ROOT,
                        "%s, %d revisions, sample %d: used heap %.1f MiB, live %.1f MiB, RSS %.1f MiB",
                        subject,
                        n,
                        i,
                        sample.usedKb() / 1024.0,
                        sample.liveBytes() / 1048576.0,
                        sample.rssKb() / 1024.0));
                if (last != null && settled(last.usedKb(), sample.usedKb())) {
                    note = "";
                    last = sample;
                    break;
                }
                if (last != null) {
                    note = String.format(
                            Locale.ROOT,
                            "the used heap still moved %.1f MiB between the last two of %d samples",
                            Math.abs(sample.usedKb() - last.usedKb()) / 1024.0,
                            i);
                }
                last = sample;
            }
            Files.writeString(logs.resolve(subject.fileName() + "-" + n + ".histogram.txt"), last.histogramText());
            histograms.computeIfAbsent(subject, c -> new LinkedHashMap<>()).put(n, last.histogram());
            return new Row(
                    component,
                    subject.flags(),
                    n,
                    Status.OK,
                    last.usedKb(),
                    last.liveBytes(),
                    last.rssKb(),
                    seen,
                    note);
        } catch (Exited e) {
            log(subject + ", " + n + " revisions: " + e.getMessage());
            return Row.failed(component, subject.flags(), n, Status.EXITED, e.getMessage());
        } catch (TimedOut e) {
            log(subject + ", " + n + " revisions: " + e.getMessage());
            return Row.failed(component, subject.flags(), n, Status.TIMEOUT, e.getMessage());
        } catch (Exception e) {
            log(subject + ", " + n + " revisions: could not measure: " + e);
            return Row.failed(component, subject.flags(), n, Status.ERROR, "could not measure: " + e);
        } finally {
            if (process != null) {
                // SIGKILL: the activator would drain for 45 s on SIGTERM, and nothing here needs a clean exit.
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.remove(process);
            }
        }
    }

    static boolean settled(long previousKb, long currentKb) {
        long diff = Math.abs(currentKb - previousKb);
        return diff <= Math.max(1024, Math.max(previousKb, currentKb) / 50);
    }

    private void awaitReady(Process process, String url, Path log) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("K-Network-Probe", "activator")
                .timeout(Duration.ofSeconds(2))
                .build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new TimedOut("did not answer " + url + " within " + READY_TIMEOUT.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(200), process, log);
        }
    }

    /** Until the component has seen all {@code n} revisions (see {@link #SEEN}), or it exits, or the timeout. */
    private void awaitAllSeen(String component, Process process, int n, KubernetesClient client, long t0, Path log)
            throws Exception {
        if (n == 0) {
            return;
        }
        long deadline = t0 + timeout.toNanos();
        String marker = component.equals(AUTOSCALER) ? AUTOSCALER_MARKER : ACTIVATOR_MARKER;
        String progress = "";
        while (true) {
            long reconciled = component.equals(AUTOSCALER) ? observed(client) : n;
            long instances = reconciled == n ? JvmMemory.instances(process.pid(), marker) : -1;
            if (reconciled == n && instances == n) {
                return;
            }
            progress = component.equals(AUTOSCALER)
                    ? String.format(Locale.ROOT, "%,d of %,d PodAutoscalers had a status from it", reconciled, n)
                    : "";
            if (instances >= 0) {
                progress += (progress.isEmpty() ? "" : "; ")
                        + String.format(Locale.ROOT, "%,d of %,d %s", instances, n, simpleName(marker));
            }
            if (System.nanoTime() > deadline) {
                throw new TimedOut("had not seen every revision after " + timeout.toSeconds() + " s: " + progress);
            }
            log(component + ": " + progress);
            sleep(POLL, process, log);
        }
    }

    /** PodAutoscalers whose status has an {@code observedGeneration}, which only the autoscaler writes. */
    private static long observed(KubernetesClient client) {
        return client.resources(PodAutoscaler.class).inNamespace(IdleRevisions.NAMESPACE).list().getItems().stream()
                .filter(pa -> pa.getStatus() != null && pa.getStatus().getObservedGeneration() != null)
                .count();
    }

    /** Sleeps, unless the process exits first. */
    private static void sleep(Duration d, Process process, Path log) throws Exception {
        if (process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new Exited("exited with code " + process.exitValue() + ": " + lastWords(log));
        }
    }

    /** Why a process exited, from its log: its first OutOfMemoryError, else its first error, else its last lines. */
    static String lastWords(Path log) throws IOException {
        return lastWords(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    static String lastWords(List<String> log) {
        List<String> lines = log.stream().filter(l -> !l.isBlank()).toList();
        String text = lines.stream()
                .filter(l -> l.contains("OutOfMemoryError"))
                .findFirst()
                .or(() -> lines.stream()
                        .filter(l -> l.contains(" ERROR ") || l.contains("Exception") || l.contains("Error:"))
                        .findFirst())
                .orElse(String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size())))
                .strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    // ------------------------------------------------------------------------------------------ processes

    /**
     * The API server and the HTTP port; leader election stays on, as shipped (whether it is on is fixed when the jar
     * is built), but a Lease renewal slowed by this machine must not end the measurement.
     */
    static List<String> quarkusFlags(String apiUrl, int port) {
        return List.of(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.kubernetes-client.api-server-url=" + apiUrl,
                "-Dkinetic.exit-on-lost-lease=false");
    }

    /** How run.sh starts the activator, with an autoscaler that is not there (it reconnects with backoff). */
    static Map<String, String> activatorEnv(String apiUrl, int port, int h2cPort, int adminPort) {
        Map<String, String> env = new HashMap<>();
        env.put("ACTIVATOR_PORT", Integer.toString(port));
        env.put("ACTIVATOR_H2C_PORT", Integer.toString(h2cPort));
        env.put("ACTIVATOR_ADMIN_PORT", Integer.toString(adminPort));
        env.put("ACTIVATOR_BIND_ADDRESS", "127.0.0.1");
        env.put("POD_IP", "127.0.0.1");
        env.put("POD_NAME", "kinetic-activator-heap");
        env.put("AUTOSCALER_URL", "ws://127.0.0.1:1/ws");
        env.put("KUBERNETES_MASTER", apiUrl);
        env.put("KUBERNETES_TRUST_CERTIFICATES", "true");
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_NAMESPACE", IdleRevisions.SYSTEM_NAMESPACE);
        return env;
    }

    private void killAll() {
        for (Process p : List.copyOf(running)) {
            p.destroyForcibly();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ------------------------------------------------------------------------------------------ output

    private void append(Row row) throws IOException {
        Files.writeString(work.resolve("heap.tsv"), row.line() + "\n", StandardOpenOption.APPEND);
    }

    /** Per component and N > 0, the classes whose live bytes grew most since N = 0. */
    private void writeClasses() throws IOException {
        List<String> lines = new ArrayList<>(List.of(ClassRow.HEADER));
        histograms.forEach((subject, byCount) -> {
            Map<String, JvmMemory.ClassCount> base = byCount.get(0);
            if (base == null) {
                return;
            }
            byCount.forEach((n, histogram) -> {
                if (n > 0) {
                    growth(subject.component(), subject.flags(), n, base, histogram).stream()
                            .limit(TOP_CLASSES)
                            .forEach(r -> lines.add(r.line()));
                }
            });
        });
        Files.write(work.resolve("heap-classes.tsv"), lines, StandardCharsets.UTF_8);
    }

    /** How each class grew from {@code base} to {@code at}, most bytes first. */
    static List<ClassRow> growth(
            String component,
            String flags,
            int n,
            Map<String, JvmMemory.ClassCount> base,
            Map<String, JvmMemory.ClassCount> at) {
        JvmMemory.ClassCount none = new JvmMemory.ClassCount(0, 0);
        return at.entrySet().stream()
                .map(e -> {
                    JvmMemory.ClassCount before = base.getOrDefault(e.getKey(), none);
                    return new ClassRow(
                            component,
                            flags,
                            n,
                            e.getKey(),
                            e.getValue().instances() - before.instances(),
                            e.getValue().bytes() - before.bytes());
                })
                .sorted(Comparator.comparingLong(ClassRow::bytes).reversed())
                .toList();
    }

    private static void log(String message) {
        System.err.println("[heap " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    private static String now() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'"));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    // ------------------------------------------------------------------------------------------ arguments

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: IdleRevisionHeap --work DIR [--revisions \"0 1000 10000\"] "
                        + "[--autoscaler JAR] [--autoscaler-flags FLAGS] [--activator JAR] "
                        + "[--activator-flags-file FILE] [--retry-flags FLAGS] [--timeout SECONDS] [--threads N]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        return Objects.requireNonNull(options.get(name), "--" + name + " is required");
    }

    private static Path pathOrNull(String text) {
        return text == null || text.isBlank() ? null : Path.of(text);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** The component exited while being waited for or measured. */
    private static final class Exited extends Exception {
        Exited(String message) {
            super(message);
        }
    }

    /** The component did not get there in time. */
    private static final class TimedOut extends Exception {
        TimedOut(String message) {
            super(message);
        }
    }
}
