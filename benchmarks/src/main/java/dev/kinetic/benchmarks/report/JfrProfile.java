package dev.kinetic.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The CPU profile in a JFR recording, from its {@code jdk.ExecutionSample} events (what {@code jfr print --events
 * jdk.ExecutionSample} shows): the methods most often on top of the stack (where the time is spent) and the methods
 * most often anywhere on it (which paths it is spent under). JFR samples threads running Java code apart from threads
 * inside a native call ({@code jdk.NativeMethodSample}: socket reads and writes, waiting in epoll); the latter are
 * counted by their topmost Java frame, so that time in system calls is not invisible.
 *
 * @param samples execution samples in the recording
 * @param self sample counts of the topmost frame's method, highest first
 * @param total sample counts of each method present anywhere in a sample's stack (once per sample), highest first
 * @param ours as {@code total}, for Kinetic's own methods ({@value #OURS} packages) only: which of our code paths
 *     the samples fall under
 * @param nativeSamples native-method samples in the recording
 * @param nativeTop sample counts of the native method a sampled thread was in, highest first
 */
public record JfrProfile(
        long samples,
        List<Map.Entry<String, Long>> self,
        List<Map.Entry<String, Long>> total,
        List<Map.Entry<String, Long>> ours,
        long nativeSamples,
        List<Map.Entry<String, Long>> nativeTop) {

    static final String OURS = "dev.kinetic.";
    /** A lambda's hidden class, {@code Foo$$Lambda$56+0x00007f82fb0e1d00.1130894323}: the numbers vary by run. */
    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda\\$[0-9]+[+/]0x[0-9a-f]+(\\.[0-9]+)?");

    private static final int NATIVE_TOP = 5;

    /** Reads a recording and keeps the {@code top} methods of each list. */
    public static JfrProfile read(Path recording, int top) throws IOException {
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> nativeTop = new HashMap<>();
        long samples = 0;
        long nativeSamples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                if ("jdk.NativeMethodSample".equals(type)) {
                    nativeSamples++;
                    nativeTop.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                    continue;
                }
                if (!"jdk.ExecutionSample".equals(type)) {
                    continue;
                }
                samples++;
                List<RecordedFrame> frames = stack.getFrames();
                self.merge(name(frames.get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : frames) {
                    String name = name(frame);
                    if (seen.add(name)) {
                        total.merge(name, 1L, Long::sum);
                    }
                }
            }
        }
        Map<String, Long> ours = new HashMap<>(total);
        ours.keySet().removeIf(method -> !method.startsWith(OURS));
        return new JfrProfile(
                samples,
                highest(self, top),
                highest(total, top),
                highest(ours, top),
                nativeSamples,
                highest(nativeTop, NATIVE_TOP));
    }

    private static String name(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        if (method == null) {
            return "(unknown)";
        }
        return LAMBDA.matcher(method.getType().getName()).replaceAll("\\$\\$Lambda") + "." + method.getName();
    }

    private static List<Map.Entry<String, Long>> highest(Map<String, Long> counts, int top) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .toList();
    }
}
