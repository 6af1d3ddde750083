package dev.kinetic.benchmarks.eventing;

import dev.kinetic.benchmarks.FakeApiServer;
import dev.kinetic.benchmarks.eventing.BenchContract.Trigger;
import dev.kinetic.benchmarks.report.EventingResults.Measure;
import dev.kinetic.benchmarks.report.EventingResults.Row;
import dev.kinetic.benchmarks.report.EventingResults.Subject;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The eventing benchmark: Kinetic's broker receiver and dispatcher against raw Kafka clients on one KRaft broker,
 * same topics, same records (see {@code benchmarks/README.md}, section Eventing). In order, each step with nothing
 * else of the benchmark under load:
 *
 * <ol>
 *   <li>Kafka ({@link KafkaMain}) and the subscriber stub ({@link SubscriberStub}) as processes of their own; the
 *       topics ({@link BenchContract}); a fake API server in this JVM holding the contract ConfigMap; the receiver.
 *   <li>Ingress, per connection count: the raw producer ceiling ({@link RawKafka#ceiling}), then wrk POSTing to the
 *       receiver, its CPU from {@code /proc}.
 *   <li>Dispatch: the backlog topic pre-filled, then drained to the stub by the raw loop ({@link RawDispatchLoop}),
 *       then by the dispatcher (started now) through a trigger with a fresh consumer group.
 *   <li>Latency: raw producer → consumer, then paced POSTs to the receiver ({@link PacedSender}) → dispatcher → stub.
 * </ol>
 *
 * <p>Writes {@code eventing.tsv} ({@link Row}) and {@code eventing-settings.tsv} into the work directory, logs and wrk
 * outputs into {@code eventing/}; every process it starts is killed before it returns (and by a shutdown hook).
 *
 * <p>Arguments: {@code --work DIR} (required), {@code --receiver JAR}, {@code --dispatcher JAR}, {@code --duration S}
 * (10), {@code --warmup S} (2), {@code --connections "16 64"}, {@code --backlog N} (1,000,000), {@code --in-flight N}
 * (50), {@code --rate N} (1,000 events/s), {@code --start-timeout S} (120), {@code --receiver-flags},
 * {@code --dispatcher-flags} (JVM flags; none by default).
 */
public final class EventingBench {
    /**
     * Unmeasured load before each latency run, at least: the JIT has to compile the paths at 1,000 events/s (a
     * request shape the ingress runs did not use). With 2 s, the first runs read 4–10 ms at p50 on this machine, and
     * 0.5–1 ms after 20 s, for the baseline as for Kinetic.
     */
    private static final Duration MIN_LATENCY_WARMUP = Duration.ofSeconds(20);
    /** At most this many backlog events go to each dispatch path unmeasured first (a fifth of the backlog if less). */
    private static final long MAX_DISPATCH_WARMUP_EVENTS = 200_000;

    private final Path work;
    private final Path logs;
    private final Path receiverJar;
    private final Path dispatcherJar;
    private final Duration duration;
    private final Duration warmup;
    private final List<Integer> connections;
    private final long backlog;
    private final int inFlight;
    private final int rate;
    private final Duration startTimeout;
    private final List<String> receiverFlags;
    private final List<String> dispatcherFlags;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private String bootstrap;
    private KubernetesClient kube;
    private long generation;
    private int stubPort;
    private int receiverManagementPort;

    private EventingBench(Map<String, String> o) {
        this.work = Path.of(Objects.requireNonNull(o.get("work"), "--work is required"));
        this.logs = work.resolve("eventing");
        this.receiverJar = pathOrNull(o.get("receiver"));
        this.dispatcherJar = pathOrNull(o.get("dispatcher"));
        this.duration = Duration.ofSeconds(Long.parseLong(o.getOrDefault("duration", "10")));
        this.warmup = Duration.ofSeconds(Long.parseLong(o.getOrDefault("warmup", "2")));
        this.connections = Arrays.stream(
                        o.getOrDefault("connections", "16 64").trim().split("[\\s,]+"))
                .map(Integer::parseInt)
                .toList();
        this.backlog = Long.parseLong(o.getOrDefault("backlog", "1000000"));
        this.inFlight = Integer.parseInt(o.getOrDefault("in-flight", "50"));
        this.rate = Integer.parseInt(o.getOrDefault("rate", "1000"));
        this.startTimeout = Duration.ofSeconds(Long.parseLong(o.getOrDefault("start-timeout", "120")));
        this.receiverFlags = words(o.getOrDefault("receiver-flags", ""));
        this.dispatcherFlags = words(o.getOrDefault("dispatcher-flags", ""));
    }

    public static void main(String[] args) throws Exception {
        EventingBench bench = new EventingBench(options(args));
        Runtime.getRuntime().addShutdownHook(new Thread(bench::killAll, "eventing-bench-cleanup"));
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            log("FAILED: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            bench.killAll();
        }
        System.exit(code);
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        Files.writeString(work.resolve("eventing.tsv"), Row.HEADER + "\n");
        settings.put("started", utcNow());
        settings.put("duration", Long.toString(duration.toSeconds()));
        settings.put("warmup", Long.toString(warmup.toSeconds()));
        settings.put("latency_warmup", Long.toString(latencyWarmup().toSeconds()));
        settings.put("dispatch_warmup", String.format(Locale.ROOT, "%,d", dispatchWarmupEvents()));
        settings.put("partitions", Integer.toString(BenchContract.PARTITIONS));
        settings.put("backlog", String.format(Locale.ROOT, "%,d", backlog));
        settings.put("in_flight", Integer.toString(inFlight));
        settings.put("rate", String.format(Locale.ROOT, "%,d", rate));
        settings.put("body_bytes", Integer.toString(BenchEvent.BODY_BYTES.length));
        settings.put("raw_producer", RawKafka.describeProducer());
        settings.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        settings.put("kafka_version", org.apache.kafka.common.utils.AppInfoParser.getVersion());
        writeSettings();

        Process kafka = startKafka();
        createTopics();
        KubernetesServer api = FakeApiServer.start(0);
        try {
            kube = api.getClient();
            kube.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(BenchContract.SYSTEM_NAMESPACE)
                            .endMetadata()
                            .build())
                    .create();
            writeContract(List.of());
            startStub();
            String apiUrl = kube.getMasterUrl().toString();

            int receiverPort = freePort();
            boolean receiver = startReceiver(apiUrl, receiverPort);
            // Both paths once, unmeasured, at the highest count: the JITs of every JVM involved (Kafka's too) and
            // the topic's first segments, so that the first measured run is not the cold one.
            int most = connections.stream().max(Integer::compare).orElse(64);
            log("warming up: raw producer and receiver, " + duration.toSeconds() + " s each at " + most);
            RawKafka.ceiling(bootstrap, BenchContract.INGRESS_TOPIC, most, Duration.ZERO, duration, kafka.pid());
            if (receiver) {
                Path script = logs.resolve("post.lua");
                Files.writeString(script, BenchEvent.wrkScript());
                wrk(most, duration, script, receiverUrl(receiverPort), logs.resolve("wrk-initial-warmup.txt"));
            }
            for (int c : connections) {
                measureRawIngress(c, kafka.pid());
                if (receiver) {
                    measureReceiver(c, receiverPort, kafka.pid());
                } else {
                    append(Row.failed(Measure.INGRESS, Subject.KINETIC, c, settings.get("receiver_failed")));
                }
            }

            log(String.format(Locale.ROOT, "pre-filling %s with %,d events", BenchContract.BACKLOG_TOPIC, backlog));
            long t0 = System.nanoTime();
            long notTaken = RawKafka.prefill(bootstrap, BenchContract.BACKLOG_TOPIC, backlog);
            log(String.format(
                    Locale.ROOT, "pre-filled in %.1f s (%d not taken)", (System.nanoTime() - t0) / 1e9, notTaken));
            measureRawDispatch();
            boolean dispatcher = startDispatcher(apiUrl);
            if (dispatcher) {
                measureDispatcher();
            } else {
                append(Row.failed(Measure.DISPATCH, Subject.KINETIC, inFlight, settings.get("dispatcher_failed")));
            }

            measureRawLatency();
            if (receiver && dispatcher) {
                measureEndToEnd(receiverPort);
            } else {
                append(Row.failed(
                        Measure.LATENCY,
                        Subject.KINETIC,
                        rate,
                        receiver ? settings.get("dispatcher_failed") : settings.get("receiver_failed")));
            }
        } finally {
            for (String name : List.of("receiver", "dispatcher")) {
                long errors = errorLines(logs.resolve(name + ".log"));
                if (errors > 0) {
                    settings.put(name + "_log_errors", errors + " ERROR lines in its log (eventing/" + name + ".log)");
                    log(name + ": " + settings.get(name + "_log_errors"));
                }
            }
            settings.put("finished", utcNow());
            writeSettings();
            api.after();
        }
    }

    /** ERROR lines in a component's log: a component that logs one per event spends its CPU on that. */
    private static long errorLines(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains(" ERROR ")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    // ------------------------------------------------------------------------------------------ ingress

    private void measureRawIngress(int c, long kafkaPid) throws InterruptedException, IOException {
        log("ingress, raw producer, " + c + " in flight");
        RawKafka.Result r = RawKafka.ceiling(bootstrap, BenchContract.INGRESS_TOPIC, c, warmup, duration, kafkaPid);
        append(new Row(
                Measure.INGRESS,
                Subject.RAW,
                c,
                r.events(),
                r.seconds(),
                r.rate(),
                r.p50Us(),
                r.p99Us(),
                perEvent(r.cpuMicros(), r.events()),
                perEvent(r.kafkaMicros(), r.events()),
                r.errors(),
                ""));
    }

    private void measureReceiver(int c, int port, long kafkaPid) throws Exception {
        log("ingress, wrk → receiver, " + c + " connections");
        Path script = logs.resolve("post.lua");
        Files.writeString(script, BenchEvent.wrkScript());
        String url = receiverUrl(port);
        wrk(c, warmup, script, url, logs.resolve("wrk-warmup-c" + c + ".txt"));
        long receiverPid = processes.get("receiver").pid();
        long cpu0 = ProcCpu.micros(receiverPid);
        long kafka0 = ProcCpu.micros(kafkaPid);
        Path out = logs.resolve("wrk-c" + c + ".txt");
        wrk(c, duration, script, url, out);
        long cpu = ProcCpu.micros(receiverPid) - cpu0;
        long kafka = ProcCpu.micros(kafkaPid) - kafka0;
        Wrk.Result w = Wrk.parse(Files.readString(out));
        if (w.requests() == 0) {
            append(Row.failed(
                    Measure.INGRESS, Subject.KINETIC, c, "no request completed: " + oneLine(Files.readString(out))));
            return;
        }
        append(new Row(
                Measure.INGRESS,
                Subject.KINETIC,
                c,
                w.accepted(),
                duration.toNanos() / 1e9,
                w.accepted() * 1e9 / duration.toNanos(),
                w.p50Us(),
                w.p99Us(),
                perEvent(cpu, w.accepted()),
                perEvent(kafka, w.accepted()),
                w.errors(),
                ""));
    }

    private static String receiverUrl(int port) {
        return "http://127.0.0.1:" + port + BenchContract.path(BenchContract.INGRESS_BROKER);
    }

    private void wrk(int c, Duration d, Path script, String url, Path out) throws Exception {
        Process p = new ProcessBuilder(
                        "wrk", "-t1", "-c" + c, "-d" + d.toSeconds() + "s", "--latency", "-s", script.toString(), url)
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(d.toSeconds() + 30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------------------------------ dispatch

    /** Events each dispatch path delivers before it is measured, so that neither is timed while its JIT compiles. */
    private long dispatchWarmupEvents() {
        return Math.min(backlog / 5, MAX_DISPATCH_WARMUP_EVENTS);
    }

    /** Waits until the stub has {@code events} events (at most two minutes). */
    private void awaitStubCount(long events) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (stubStats().count() < events && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void measureRawDispatch() throws Exception {
        long warm = dispatchWarmupEvents();
        if (warm > 0) {
            log(String.format(Locale.ROOT, "dispatch warm-up, raw loop: %,d events unmeasured (its own group)", warm));
            resetStub();
            try (RawDispatchLoop loop = new RawDispatchLoop(
                    bootstrap, BenchContract.BACKLOG_TOPIC, "http://127.0.0.1:" + stubPort + "/", inFlight)) {
                loop.start();
                awaitStubCount(warm);
            }
        }
        log("dispatch, raw consumer + WebClient loop, " + inFlight + " in flight");
        resetStub();
        long t0 = System.nanoTime();
        try (RawDispatchLoop loop = new RawDispatchLoop(
                bootstrap, BenchContract.BACKLOG_TOPIC, "http://127.0.0.1:" + stubPort + "/", inFlight)) {
            loop.start();
            append(awaitBacklog(Subject.RAW, t0, null, loop::failed));
        }
    }

    private void measureDispatcher() throws Exception {
        long warm = dispatchWarmupEvents();
        if (warm > 0) {
            log(String.format(
                    Locale.ROOT, "dispatch warm-up, dispatcher: %,d events unmeasured (a Trigger of its own)", warm));
            resetStub();
            writeContract(List.of(new Trigger(
                    BenchContract.BACKLOG_BROKER,
                    "warmup",
                    "knative-trigger-bench-warmup-" + System.currentTimeMillis(),
                    "http://127.0.0.1:" + stubPort + "/")));
            try {
                awaitStubCount(warm);
            } finally {
                writeContract(List.of());
            }
            // Its consumer stops on the contract change; let what it had in flight land before the stub is reset.
            Thread.sleep(2000);
        }
        log("dispatch, dispatcher");
        resetStub();
        long t0 = System.nanoTime();
        Trigger trigger = new Trigger(
                BenchContract.BACKLOG_BROKER,
                "dispatch",
                "knative-trigger-bench-dispatch-" + System.currentTimeMillis(),
                "http://127.0.0.1:" + stubPort + "/");
        writeContract(List.of(trigger));
        try {
            append(awaitBacklog(Subject.KINETIC, t0, processes.get("dispatcher"), () -> 0));
        } finally {
            writeContract(List.of());
        }
    }

    /** Until the stub has the whole backlog, or delivery stalls for 30 s, or the process exits. */
    private Row awaitBacklog(Subject subject, long t0, Process process, java.util.function.LongSupplier failed)
            throws Exception {
        long lastCount = -1;
        long lastChange = System.nanoTime();
        SubscriberStub.Stats stats = stubStats();
        String note = "";
        while (stats.count() < backlog) {
            Thread.sleep(200);
            stats = stubStats();
            if (stats.count() != lastCount) {
                lastCount = stats.count();
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(stats.count() == 0 ? 120 : 30)) {
                note = String.format(
                        Locale.ROOT,
                        "stalled: %,d of %,d events arrived, none in the last %d s",
                        stats.count(),
                        backlog,
                        stats.count() == 0 ? 120 : 30);
                break;
            }
            if (process != null && !process.isAlive()) {
                note = "the process exited: " + lastLines("dispatcher");
                break;
            }
        }
        double total = (System.nanoTime() - t0) / 1e9;
        double seconds = (stats.lastMicros() - stats.firstMicros()) / 1e6;
        log(String.format(
                Locale.ROOT,
                "%s: %,d events in %.1f s (first → last arrival), %.1f s from the start: %.0f events/s",
                subject.name().toLowerCase(Locale.ROOT),
                stats.count(),
                seconds,
                total,
                stats.rate()));
        String timing = String.format(Locale.ROOT, "%.1f s from start to the last event", total);
        return new Row(
                Measure.DISPATCH,
                subject,
                inFlight,
                stats.count(),
                seconds,
                stats.rate(),
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                failed.getAsLong(),
                note.isEmpty() ? timing : note + "; " + timing);
    }

    // ------------------------------------------------------------------------------------------ latency

    private void measureRawLatency() throws Exception {
        log("latency, raw producer → consumer, " + rate + " events/s");
        RawKafka.Result r = RawKafka.latency(
                bootstrap, BenchContract.RAW_LATENCY_TOPIC, rate, latencyWarmup(), duration, Duration.ofSeconds(10));
        append(new Row(
                Measure.LATENCY,
                Subject.RAW,
                rate,
                r.events(),
                r.seconds(),
                r.events() / r.seconds(),
                r.p50Us(),
                r.p99Us(),
                Double.NaN,
                Double.NaN,
                r.errors(),
                ""));
    }

    private void measureEndToEnd(int receiverPort) throws Exception {
        log("latency, receiver → dispatcher, " + rate + " events/s");
        writeContract(List.of(new Trigger(
                BenchContract.LATENCY_BROKER,
                "latency",
                "knative-trigger-bench-latency-" + System.currentTimeMillis(),
                "http://127.0.0.1:" + stubPort + "/")));
        resetStub();
        try {
            try (PacedSender sender = new PacedSender(receiverPort, BenchContract.path(BenchContract.LATENCY_BROKER));
                    LatencyConsumer consumer = new LatencyConsumer(bootstrap, BenchContract.LATENCY_TOPIC)) {
                consumer.awaitAssigned(startTimeout);
                // Until the trigger delivers (its consumer has joined), then the unmeasured warmup.
                long deadline = System.nanoTime() + startTimeout.toNanos();
                while (stubStats().count() == 0 && System.nanoTime() < deadline) {
                    sender.run(rate, Duration.ofMillis(500));
                }
                sender.run(rate, latencyWarmup());
                Thread.sleep(500);
                resetStub();
                sender.resetCounts();
                // The same events read by a raw consumer too: the receiver's share of the path.
                consumer.measureFrom(BenchEvent.epochMicros());
                double[] timer0 = receiverAcceptedTimer();
                long sent = sender.run(rate, duration);
                double[] timer1 = receiverAcceptedTimer();
                long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (stubStats().samples() < sent && System.nanoTime() < drainEnd) {
                    Thread.sleep(50);
                }
                consumer.awaitReceived(sent, Duration.ofNanos(Math.max(0, drainEnd - System.nanoTime())));
                Latencies viaReceiver = consumer.latencies();
                append(latencyRow(
                        Subject.RECEIVER,
                        viaReceiver.count(),
                        viaReceiver.percentile(50),
                        viaReceiver.percentile(99),
                        Math.max(0, sent - consumer.received()),
                        "the same events as the next row, read from Kafka by a raw consumer"));
                SubscriberStub.Stats stats = stubStats();
                long lost = Math.max(0, sent - stats.samples());
                append(latencyRow(
                        Subject.KINETIC,
                        stats.samples(),
                        stats.p50Us(),
                        stats.p99Us(),
                        Math.max(lost, sender.failed()),
                        String.format(
                                Locale.ROOT,
                                "POST → 202 at the sender: p50 %.2f ms, p99 %.2f ms; inside the receiver (arrival →"
                                        + " 202, its own timer): mean %.2f ms",
                                sender.responses().percentile(50) / 1000.0,
                                sender.responses().percentile(99) / 1000.0,
                                meanMillis(timer0, timer1))));
            }
            measureDispatcherLatency();
        } finally {
            writeContract(List.of());
        }
    }

    private Duration latencyWarmup() {
        return warmup.compareTo(MIN_LATENCY_WARMUP) < 0 ? MIN_LATENCY_WARMUP : warmup;
    }

    /** A latency row of {@code samples} measured over the run's duration. */
    private Row latencyRow(Subject subject, long samples, double p50Us, double p99Us, long errors, String note) {
        return new Row(
                Measure.LATENCY,
                subject,
                rate,
                samples,
                duration.toNanos() / 1e9,
                samples * 1e9 / duration.toNanos(),
                p50Us,
                p99Us,
                Double.NaN,
                Double.NaN,
                errors,
                note);
    }

    /**
     * The dispatcher's share of the end-to-end latency: the raw producer paces stamped events into the same broker
     * topic (the latency trigger still consuming it), so the path is the raw baseline's with the dispatcher and the
     * stub in place of the raw consumer.
     */
    private void measureDispatcherLatency() throws Exception {
        log("latency, raw producer → dispatcher, " + rate + " events/s");
        RawKafka.pace(
                bootstrap,
                BenchContract.LATENCY_TOPIC,
                rate,
                Duration.ZERO,
                latencyWarmup(),
                new AtomicLong(Long.MAX_VALUE));
        Thread.sleep(500);
        resetStub();
        RawKafka.Paced paced = RawKafka.pace(
                bootstrap, BenchContract.LATENCY_TOPIC, rate, Duration.ZERO, duration, new AtomicLong(Long.MAX_VALUE));
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stubStats().samples() < paced.sent() && System.nanoTime() < drainEnd) {
            Thread.sleep(50);
        }
        SubscriberStub.Stats stats = stubStats();
        append(latencyRow(
                Subject.DISPATCHER,
                stats.samples(),
                stats.p50Us(),
                stats.p99Us(),
                paced.failed() + Math.max(0, paced.sent() - stats.samples()),
                ""));
    }

    // ------------------------------------------------------------------------------------------ processes

    private Process startKafka() throws Exception {
        Path log = logs.resolve("kafka.log");
        Process p = start(
                "kafka",
                javaCommand(List.of(
                        "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                        "-cp",
                        System.getProperty("java.class.path"),
                        KafkaMain.class.getName())),
                log,
                Map.of());
        String line = awaitLine(p, log, KafkaMain.READY_PREFIX);
        bootstrap = line.substring(line.indexOf(KafkaMain.READY_PREFIX) + KafkaMain.READY_PREFIX.length())
                .trim();
        log("Kafka at " + bootstrap + " (pid " + p.pid() + ")");
        return p;
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(BenchContract.TOPICS.stream()
                            .map(t -> new NewTopic(t, BenchContract.PARTITIONS, (short) 1))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                boolean ready = admin.describeTopics(BenchContract.TOPICS).allTopicNames().get().values().stream()
                        .allMatch(d -> d.partitions().size() == BenchContract.PARTITIONS
                                && d.partitions().stream().allMatch(p -> p.leader() != null));
                if (ready) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("the topics' partitions have no leader after 60 s");
        }
    }

    private void startStub() throws Exception {
        stubPort = freePort();
        Path log = logs.resolve("stub.log");
        Process p = start(
                "stub",
                javaCommand(List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        SubscriberStub.class.getName(),
                        Integer.toString(stubPort))),
                log,
                Map.of());
        awaitLine(p, log, "subscriber stub listening");
    }

    private boolean startReceiver(String apiUrl, int port) throws Exception {
        if (receiverJar == null || !Files.isRegularFile(receiverJar)) {
            settings.put("receiver_failed", "the receiver jar is missing (" + receiverJar + "): it did not build");
            log(settings.get("receiver_failed"));
            return false;
        }
        List<String> flags = new ArrayList<>(receiverFlags);
        receiverManagementPort = freePort();
        flags.addAll(quarkusFlags(apiUrl, port, receiverManagementPort));
        flags.addAll(List.of("-jar", receiverJar.toString()));
        settings.put(
                "receiver_cmd",
                "java " + String.join(" ", receiverFlags) + (receiverFlags.isEmpty() ? "" : " ") + "-jar "
                        + receiverJar);
        Process p = start("receiver", javaCommand(flags), logs.resolve("receiver.log"), kubeEnv());
        // Ready once it has read the contract; then until the broker's path takes an event.
        try {
            long t0 = System.nanoTime();
            awaitHttp(p, "receiver", "GET", "http://127.0.0.1:" + port + "/readyz", 200);
            awaitHttp(
                    p,
                    "receiver",
                    "POST",
                    "http://127.0.0.1:" + port + BenchContract.path(BenchContract.INGRESS_BROKER),
                    202);
            log(String.format(
                    Locale.ROOT, "receiver takes events (%.1f s after exec)", (System.nanoTime() - t0) / 1e9));
            return true;
        } catch (IllegalStateException e) {
            settings.put("receiver_failed", e.getMessage());
            log(e.getMessage());
            return false;
        }
    }

    private boolean startDispatcher(String apiUrl) throws Exception {
        if (dispatcherJar == null || !Files.isRegularFile(dispatcherJar)) {
            settings.put(
                    "dispatcher_failed", "the dispatcher jar is missing (" + dispatcherJar + "): it did not build");
            log(settings.get("dispatcher_failed"));
            return false;
        }
        int port = freePort();
        List<String> flags = new ArrayList<>(dispatcherFlags);
        // A trigger's new consumer group starts from the earliest offset, so that it finds the backlog.
        flags.add("-Dkinetic.dispatcher.consumer.\"auto.offset.reset\"=earliest");
        flags.addAll(quarkusFlags(apiUrl, port, freePort()));
        flags.addAll(List.of("-jar", dispatcherJar.toString()));
        settings.put(
                "dispatcher_cmd",
                "java " + String.join(" ", dispatcherFlags) + (dispatcherFlags.isEmpty() ? "" : " ")
                        + "-Dkinetic.dispatcher.consumer.\"auto.offset.reset\"=earliest -jar " + dispatcherJar);
        Process p = start("dispatcher", javaCommand(flags), logs.resolve("dispatcher.log"), kubeEnv());
        try {
            // Ready once it has read the contract.
            awaitHttp(p, "dispatcher", "GET", "http://127.0.0.1:" + port + "/readyz", 200);
            log("dispatcher ready");
            return true;
        } catch (IllegalStateException e) {
            settings.put("dispatcher_failed", e.getMessage());
            log(e.getMessage());
            return false;
        }
    }

    /** The API server (plain HTTP, the fake one), ports on 127.0.0.1, the contract's namespace. */
    static List<String> quarkusFlags(String apiUrl, int httpPort, int managementPort) {
        return List.of(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.kubernetes-client.api-server-url=" + apiUrl,
                "-Dquarkus.kubernetes-client.trust-certs=true",
                "-Dquarkus.kubernetes-client.namespace=" + BenchContract.SYSTEM_NAMESPACE,
                "-Dkinetic.system-namespace=" + BenchContract.SYSTEM_NAMESPACE);
    }

    private static Map<String, String> kubeEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        return env;
    }

    private Process start(String name, List<String> command, Path log, Map<String, String> env) throws IOException {
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        processes.put(name, p);
        log(name + " started, pid " + p.pid() + " (log: " + log + ")");
        return p;
    }

    private String awaitLine(Process p, Path log, String prefix) throws Exception {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    if (line.contains(prefix)) {
                        return line;
                    }
                }
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": exited: " + tail(log));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                log.getFileName() + ": no '" + prefix + "' after " + startTimeout.toSeconds() + " s: " + tail(log));
    }

    private void awaitHttp(Process p, String name, String method, String url, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2));
        if (method.equals("POST")) {
            BenchEvent.httpHeaders().forEach(b::header);
            b.POST(HttpRequest.BodyPublishers.ofByteArray(BenchEvent.BODY_BYTES));
        }
        HttpRequest request = b.build();
        long deadline = System.nanoTime() + startTimeout.toNanos();
        int last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (last == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!p.isAlive()) {
                throw new IllegalStateException(name + " exited: " + lastLines(name));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + ": " + method + " " + url + " did not answer " + status + " within "
                + startTimeout.toSeconds() + " s (last: " + last + "): " + lastLines(name));
    }

    private void killAll() {
        for (Process p : List.copyOf(processes.values())) {
            p.destroy();
        }
        for (Process p : List.copyOf(processes.values())) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    // ------------------------------------------------------------------------------------------ stub and contract

    private void writeContract(List<Trigger> triggers) {
        generation++;
        kube.configMaps()
                .inNamespace(BenchContract.SYSTEM_NAMESPACE)
                .resource(BenchContract.configMap(BenchContract.contract(generation, bootstrap, triggers)))
                .createOr(existing -> existing.update());
    }

    /**
     * The receiver's {@code kn.eventing.dispatch.latency} timer of 202 answers summed over brokers: {seconds, count}
     * (zeros when the scrape fails).
     */
    private double[] receiverAcceptedTimer() {
        double[] sumCount = new double[2];
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + receiverManagementPort + "/metrics"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            String body =
                    http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (!line.startsWith("kn_eventing_dispatch_latency_seconds_") || !line.contains("code=\"202\"")) {
                    continue;
                }
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (line.startsWith("kn_eventing_dispatch_latency_seconds_sum")) {
                    sumCount[0] += value;
                } else if (line.startsWith("kn_eventing_dispatch_latency_seconds_count")) {
                    sumCount[1] += value;
                }
            }
        } catch (IOException | RuntimeException e) {
            log("could not read the receiver's metrics: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return sumCount;
    }

    private static double meanMillis(double[] before, double[] after) {
        double count = after[1] - before[1];
        return count > 0 ? (after[0] - before[0]) / count * 1000 : Double.NaN;
    }

    private SubscriberStub.Stats stubStats() throws Exception {
        return stubCall("GET");
    }

    private void resetStub() throws Exception {
        stubCall("DELETE");
    }

    private SubscriberStub.Stats stubCall(String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stubPort + "/stats"))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return SubscriberStub.Stats.parse(
                http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    // ------------------------------------------------------------------------------------------ output

    private void append(Row row) throws IOException {
        log(row.line());
        Files.writeString(work.resolve("eventing.tsv"), row.line() + "\n", StandardOpenOption.APPEND);
    }

    private static String utcNow() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
                .format(java.time.LocalDateTime.now(java.time.ZoneOffset.UTC));
    }

    private void writeSettings() throws IOException {
        settings.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        StringBuilder text = new StringBuilder();
        settings.forEach(
                (k, v) -> text.append(k).append('\t').append(oneLine(v)).append('\n'));
        Files.writeString(work.resolve("eventing-settings.tsv"), text);
    }

    private String lastLines(String name) {
        return tail(logs.resolve(name + ".log"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank())
                    .toList();
            String text = String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            return text.length() > 300 ? text.substring(0, 300) + "…" : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static double perEvent(long micros, long events) {
        return micros < 0 || events <= 0 ? Double.NaN : (double) micros / events;
    }

    private static String oneLine(String text) {
        String s = text.replace('\t', ' ').replace('\n', ' ').strip();
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static List<String> javaCommand(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(args);
        return cmd;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void log(String message) {
        System.err.println("[eventing " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "usage: EventingBench --work DIR [--receiver JAR] [--dispatcher JAR] "
                                + "[--duration S] [--warmup S] [--connections \"16 64\"] [--backlog N] [--in-flight N] "
                                + "[--rate N] [--start-timeout S] [--receiver-flags FLAGS] [--dispatcher-flags FLAGS]");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static Path pathOrNull(String text) {
        return text == null || text.isBlank() ? null : Path.of(text);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList();
    }
}
