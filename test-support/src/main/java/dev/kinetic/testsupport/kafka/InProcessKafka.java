package dev.kinetic.testsupport.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.awaitility.Awaitility;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;

/**
 * A real Kafka broker running inside the test JVM: one combined KRaft broker and controller started with Kafka's own
 * test kit ({@link KafkaClusterTestKit}), at the same version as the {@code kafka-clients} the services use.
 *
 * <p>The broker listens on {@code localhost} on an ephemeral port ({@link #bootstrapServers()}), PLAINTEXT, no
 * authentication. Its data lives in a fresh temporary directory that {@link #close()} deletes. Internal topics
 * ({@code __consumer_offsets}, {@code __transaction_state}, share-group state) have replication factor 1 and a single
 * partition, and the first consumer-group rebalance is not delayed, so a consumer group is joined in milliseconds.
 * Topics are auto-created on first use as with Kafka's defaults; tests that check explicit topic management can turn
 * that off with {@code start(Map.of("auto.create.topics.enable", "false"))}.
 *
 * <p>Unlike the test kit's default, the cluster is formatted like a fresh production install of this Kafka version:
 * the latest production metadata version and feature levels, and no unstable API or feature versions, so clients
 * meet the broker they will meet in production.
 *
 * <p>The broker's own loggers ({@code kafka.*}, {@code org.apache.kafka.server}, {@code .controller}, {@code .raft}
 * and the like; not the clients') are set to {@code WARN}, as they log hundreds of INFO lines per start. Set the
 * system property {@value #BROKER_LOG_LEVEL_PROPERTY} (for example to {@code INFO}) to see more.
 *
 * <pre>{@code
 * try (InProcessKafka kafka = InProcessKafka.start()) {
 *     kafka.createTopic("orders", 3);
 *     ... clients with bootstrap.servers = kafka.bootstrapServers() ...
 * }
 * }</pre>
 *
 * <p>In JUnit tests use {@link WithKafka} (one broker per test class); in Quarkus tests use {@link
 * KafkaTestResource}. This class is thread-safe.
 */
public final class InProcessKafka implements AutoCloseable {

    /** System property: the level of the broker's own loggers, {@code WARN} by default. */
    public static final String BROKER_LOG_LEVEL_PROPERTY = "kinetic.kafka.broker-log-level";

    /** Categories of the broker and controller, not of the clients. */
    private static final List<String> BROKER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            "org.apache.kafka.common.test",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.network",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    /** Strong references, so that the levels set on these loggers stay. */
    private static final List<Logger> QUIETED_LOGGERS = new CopyOnWriteArrayList<>();

    /** How long {@link #createTopic} waits for the new topic's partitions to have a leader. */
    private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Broker settings a single-node cluster needs (replication factors and ISR of 1), plus settings that make tests
     * fast without changing client-visible semantics.
     */
    private static final Map<String, String> DEFAULT_BROKER_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.num.partitions", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // The test kit enables these by default; a production broker does not.
            Map.entry("unstable.api.versions.enable", "false"),
            Map.entry("unstable.feature.versions.enable", "false"));

    private final KafkaClusterTestKit cluster;
    private final Path baseDirectory;
    private final String bootstrapServers;
    private final Duration startupTime;
    private Admin admin;
    private boolean closed;

    private InProcessKafka(KafkaClusterTestKit cluster, Path baseDirectory, Duration startupTime) {
        this.cluster = cluster;
        this.baseDirectory = baseDirectory;
        this.bootstrapServers = cluster.bootstrapServers();
        this.startupTime = startupTime;
    }

    /**
     * Starts a broker with the default test configuration and waits until it accepts clients.
     *
     * @return the running broker, to be closed by the caller
     */
    public static InProcessKafka start() {
        return start(Map.of());
    }

    /**
     * Starts a broker with the default test configuration plus {@code brokerConfig}, and waits until it accepts
     * clients.
     *
     * @param brokerConfig broker properties ({@code server.properties} keys) that override or complete the defaults
     * @return the running broker, to be closed by the caller
     */
    public static InProcessKafka start(Map<String, String> brokerConfig) {
        Objects.requireNonNull(brokerConfig, "brokerConfig");
        Map<String, String> config = new LinkedHashMap<>(DEFAULT_BROKER_CONFIG);
        config.putAll(brokerConfig);

        setBrokerLogLevel();
        long startedAt = System.nanoTime();
        Path baseDirectory = createBaseDirectory();
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder(productionBootstrap())
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBaseDirectory(baseDirectory)
                    .build();
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
            config.forEach(builder::setConfigProp);
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InProcessKafka(cluster, baseDirectory, Duration.ofNanos(System.nanoTime() - startedAt));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            IllegalStateException failure = new IllegalStateException("The in-process Kafka broker did not start", e);
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception closeFailure) {
                    failure.addSuppressed(closeFailure);
                }
            }
            try {
                deleteRecursively(baseDirectory);
            } catch (UncheckedIOException deleteFailure) {
                failure.addSuppressed(deleteFailure);
            }
            throw failure;
        }
    }

    /**
     * The {@code bootstrap.servers} value for clients, e.g. {@code localhost:40123}.
     *
     * @return the broker's client listener
     */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * Client properties that reach this broker: {@code bootstrap.servers} only, as a mutable map to which a test
     * adds its serializers, group id and so on.
     *
     * @return a new mutable map
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    /**
     * How long {@link #start()} took, from creating the data directory to the broker being ready for clients.
     *
     * @return the measured start-up time
     */
    public Duration startupTime() {
        return startupTime;
    }

    /**
     * The admin client of this broker, created on first use. It belongs to this object: do not close it, {@link
     * #close()} does.
     *
     * @return a shared admin client connected to this broker
     */
    public synchronized Admin adminClient() {
        ensureOpen();
        if (admin == null) {
            admin = Admin.create(clientConfig());
        }
        return admin;
    }

    /**
     * Creates a topic with replication factor 1 and waits until every partition has a leader, so that clients can
     * use it immediately.
     *
     * @param name the topic name; it must not exist yet
     * @param partitions the number of partitions, at least 1
     * @throws IllegalStateException if the topic cannot be created (for example because it already exists)
     */
    public void createTopic(String name, int partitions) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Admin client = adminClient();
        try {
            client.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(TOPIC_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name, e);
        }
        Awaitility.await("partitions of topic " + name + " have a leader")
                .atMost(TOPIC_READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptions()
                .until(() -> hasLeaders(client, name, partitions));
    }

    private static boolean hasLeaders(Admin client, String topic, int partitions) throws Exception {
        TopicDescription description =
                client.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().size() == partitions
                && description.partitions().stream().allMatch(partition -> partition.leader() != null);
    }

    /**
     * Stops the broker and the controller and deletes their data. Calling it again does nothing.
     *
     * @throws IllegalStateException if the broker reported a fault while running or stopping
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        IllegalStateException failure = null;
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
        }
        try {
            cluster.close();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            failure = new IllegalStateException("The in-process Kafka broker did not stop cleanly", e);
        }
        try {
            deleteRecursively(baseDirectory);
        } catch (UncheckedIOException e) {
            if (failure == null) {
                failure = new IllegalStateException("Could not delete " + baseDirectory, e);
            } else {
                failure.addSuppressed(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * The temporary directory holding the broker's metadata and log directories; it no longer exists after {@link
     * #close()}.
     *
     * @return the data directory of this broker
     */
    public Path dataDirectory() {
        return baseDirectory;
    }

    @Override
    public String toString() {
        return "InProcessKafka[" + bootstrapServers + "]";
    }

    private synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The in-process Kafka broker is closed");
        }
    }

    /** What {@code kafka-storage format} writes by default: production metadata version and feature levels. */
    private static BootstrapMetadata productionBootstrap() {
        MetadataVersion version = MetadataVersion.latestProduction();
        Map<String, Short> features = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(version)));
        return BootstrapMetadata.fromVersions(version, features, "kinetic-test-support");
    }

    private static void setBrokerLogLevel() {
        LogContext context = LogContext.getLogContext();
        Level level = context.getLevelForName(System.getProperty(BROKER_LOG_LEVEL_PROPERTY, "WARN"));
        for (String category : BROKER_LOGGERS) {
            Logger logger = context.getLogger(category);
            logger.setLevel(level);
            if (!QUIETED_LOGGERS.contains(logger)) {
                QUIETED_LOGGERS.add(logger);
            }
        }
    }

    private static Path createBaseDirectory() {
        try {
            return Files.createTempDirectory("kinetic-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a data directory for the in-process Kafka broker", e);
        }
    }

    /** The test kit deletes its directory itself on a clean close; this also covers failed starts and stops. */
    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    if (exc != null) {
                        throw exc;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
