package dev.kinetic.benchmarks.heap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code jcmd} and {@code /proc} say about another JVM's memory: the heap in use right after full collections
 * ({@code GC.run} twice, then {@code GC.heap_info}), the live objects by class ({@code GC.class_histogram}, which
 * collects once more first) and the resident set ({@code VmRSS}). The parsers are pure; {@link #sample} runs the
 * commands.
 */
final class JvmMemory {
    private JvmMemory() {}

    /** One class's live objects. */
    record ClassCount(long instances, long bytes) {}

    /**
     * One measurement.
     *
     * @param usedKb heap in use after two full collections, summed over the generations (or G1's one heap)
     * @param liveBytes the class histogram's total: the bytes of all live objects
     * @param rssKb the process's resident set
     * @param histogram live objects by class name
     * @param histogramText the histogram as jcmd printed it
     */
    record Sample(long usedKb, long liveBytes, long rssKb, Map<String, ClassCount> histogram, String histogramText) {}

    /** A heap line of {@code GC.heap_info}: "garbage-first heap total 262144K, used 23456K", "tenured generation …". */
    private static final Pattern HEAP_LINE = Pattern.compile("^\\s*\\S.*?\\s+total (\\d+)K, used (\\d+)K");

    /** A histogram line: "   1:   12345   1234567  [B (java.base@17.0.15)". */
    private static final Pattern HISTOGRAM_LINE =
            Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");

    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /**
     * The heap in use, in KiB: the sum of the "used" figures of the heap's spaces (G1's one line, or Serial's and
     * Parallel's young and old generations), leaving out Metaspace and class space, which are not heap.
     */
    static long usedHeapKb(String heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo.split("\\R")) {
            Matcher m = HEAP_LINE.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no heap line in GC.heap_info output: " + abbreviate(heapInfo));
        }
        return used;
    }

    /** Live objects by class (the module, when jcmd names one, left out). */
    static Map<String, ClassCount> histogram(String text) {
        Map<String, ClassCount> classes = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.matches()) {
                classes.merge(
                        m.group(3),
                        new ClassCount(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))),
                        (a, b) -> new ClassCount(a.instances() + b.instances(), a.bytes() + b.bytes()));
            }
        }
        return classes;
    }

    /** The histogram's total bytes. */
    static long histogramTotalBytes(String text) {
        for (String line : text.split("\\R")) {
            Matcher m = HISTOGRAM_TOTAL.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(2));
            }
        }
        throw new IllegalArgumentException("no Total line in GC.class_histogram output: " + abbreviate(text));
    }

    /** {@code VmRSS} from {@code /proc/PID/status}, in KiB; −1 if absent. */
    static long rssKb(String procStatus) {
        for (String line : procStatus.split("\\R")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Collects twice, then reads the heap, the histogram and the RSS of process {@code pid}. */
    static Sample sample(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        long used = usedHeapKb(jcmd(pid, "GC.heap_info"));
        String histogram = jcmd(pid, "GC.class_histogram");
        long rss = rssKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        return new Sample(used, histogramTotalBytes(histogram), rss, histogram(histogram), histogram);
    }

    /** Live instances of one class (a class histogram, so a full collection); 0 if there are none. */
    static long instances(long pid, String className) throws IOException, InterruptedException {
        ClassCount count = histogram(jcmd(pid, "GC.class_histogram")).get(className);
        return count == null ? 0 : count.instances();
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish in 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(
                    "jcmd " + pid + " " + command + " failed (" + p.exitValue() + "): " + abbreviate(text));
        }
        return text;
    }

    private static String abbreviate(String text) {
        String oneLine = String.join(" ", List.of(text.strip().split("\\R")));
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
