package dev.kinetic.benchmarks.eventing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads wrk's output ({@code --latency}), as run.sh's {@code parse_wrk} does. */
final class Wrk {
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ");
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {}

    /**
     * One wrk run.
     *
     * @param requests completed requests, answered 2xx or not
     * @param errors non-2xx/3xx answers plus socket errors
     */
    record Result(long requests, double requestsPerSecond, double p50Us, double p99Us, long errors) {
        long accepted() {
            return Math.max(0, requests - errors);
        }
    }

    static Result parse(String output) {
        long requests = find(REQUESTS, output).map(Long::parseLong).orElse(0L);
        double rps = find(RPS, output).map(Double::parseDouble).orElse(0.0);
        long errors = find(NON_2XX, output).map(Long::parseLong).orElse(0L);
        Matcher socket = SOCKET.matcher(output);
        if (socket.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(socket.group(i));
            }
        }
        return new Result(requests, rps, percentile(output, "50%"), percentile(output, "99%"), errors);
    }

    private static double percentile(String output, String label) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(label) + "\\s+([0-9.]+)(us|ms|s)\\s*$")
                .matcher(output);
        if (!m.find()) {
            return Double.NaN;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v;
            case "ms" -> v * 1000;
            default -> v * 1e6;
        };
    }

    private static java.util.Optional<String> find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }
}
