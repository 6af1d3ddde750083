package dev.kinetic.testsupport.kubelet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs a container as a real JVM process: {@code java <flags> -jar <jar>} or {@code java <flags> -cp <classpath>
 * <mainClass>}, with the container's resolved environment (and nothing of the test JVM's) plus extras computed from
 * the pod's IP, stdout and stderr appended to {@link ContainerRuntime.Launch#logFile()}. Stopping sends SIGTERM
 * ({@link Process#destroy()}) and, after the grace period, SIGKILL. The container spec's {@code command} and {@code
 * args} are not used: the runtime decides what runs.
 *
 * <p>The queue-proxy, whose module test-support cannot depend on, is wired by its jar:
 *
 * <pre>{@code
 * ContainerRuntime queueProxy = JavaProcessRuntime.jar(
 *         Path.of("target/kinetic-queue-proxy.jar"),
 *         JavaProcessRuntime.readJvmFlags(Path.of("jvm.flags")),
 *         ip -> JavaProcessRuntime.queueProxyEnv(ip, Map.of("DRAIN_PERIOD_SECONDS", "1")));
 * }</pre>
 */
public final class JavaProcessRuntime implements ContainerRuntime {
    private final List<String> program;
    private final List<String> jvmFlags;
    private final Function<String, Map<String, String>> extraEnv;

    private JavaProcessRuntime(
            List<String> program, List<String> jvmFlags, Function<String, Map<String, String>> extraEnv) {
        this.program = List.copyOf(program);
        this.jvmFlags = List.copyOf(jvmFlags);
        this.extraEnv = Objects.requireNonNull(extraEnv, "extraEnv");
    }

    /**
     * {@code java <jvmFlags> -jar <jar>}.
     *
     * @param extraEnv variables to add to (and override in) the container's environment, given the pod's IP
     */
    public static JavaProcessRuntime jar(
            Path jar, List<String> jvmFlags, Function<String, Map<String, String>> extraEnv) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no jar at " + jar.toAbsolutePath() + " (was it built?)");
        }
        return new JavaProcessRuntime(List.of("-jar", jar.toAbsolutePath().toString()), jvmFlags, extraEnv);
    }

    /**
     * {@code java <jvmFlags> -cp <classpath> <mainClass>}; {@code System.getProperty("java.class.path")} runs a class
     * of the test's own classpath.
     *
     * @param extraEnv variables to add to (and override in) the container's environment, given the pod's IP
     */
    public static JavaProcessRuntime mainClass(
            String classpath, String mainClass, List<String> jvmFlags, Function<String, Map<String, String>> extraEnv) {
        return new JavaProcessRuntime(List.of("-cp", classpath, mainClass), jvmFlags, extraEnv);
    }

    /** The flags in a file such as {@code queue-proxy/jvm.flags}: whitespace-separated, on any number of lines. */
    public static List<String> readJvmFlags(Path file) {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read JVM flags from " + file.toAbsolutePath(), e);
        }
    }

    /**
     * What the queue-proxy needs in a pod that is one loopback IP: listen on it ({@code QUEUE_BIND_ADDRESS}) and find
     * the user container there ({@code QUEUE_USER_HOST}), plus {@code more} (a short {@code DRAIN_PERIOD_SECONDS} for
     * tests, say).
     */
    public static Map<String, String> queueProxyEnv(String podIp, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("QUEUE_BIND_ADDRESS", podIp);
        env.put("QUEUE_USER_HOST", podIp);
        return Map.copyOf(env);
    }

    @Override
    public Running start(Launch launch) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(program);
        Path log = launch.logFile();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A container sees its own environment only, not the test JVM's.
        builder.environment().clear();
        builder.environment().putAll(launch.env());
        builder.environment().putAll(extraEnv.apply(launch.podIp()));
        return new ProcessContainer(builder.start());
    }

    /** A running JVM: exit code from the process, SIGTERM then SIGKILL. */
    private static final class ProcessContainer implements Running {
        private final Process process;
        private final CompletableFuture<Integer> exit;

        ProcessContainer(Process process) {
            this.process = process;
            this.exit = process.onExit().thenApply(Process::exitValue);
        }

        @Override
        public CompletableFuture<Integer> exit() {
            return exit;
        }

        @Override
        public void stop(Duration grace) {
            process.destroy();
            CompletableFuture.delayedExecutor(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)
                    .execute(() -> {
                        if (process.isAlive()) {
                            process.destroyForcibly();
                        }
                    });
        }
    }
}
