package dev.kinetic.api.apis;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the two duration syntaxes Knative users write: ISO-8601 periods in eventing ({@code PT0.2S},
 * {@code P1DT2H}, as {@code rickb777/date/period} accepts them, years counted as 365 days and months as 30) and Go
 * durations in serving annotations and ConfigMaps ({@code 60s}, {@code 1m30s}, {@code 500ms}).
 */
public final class Durations {
    private static final Pattern ISO = Pattern.compile("^([-+]?)P(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)W)?(?:(\\d+)D)?"
            + "(?:T(?:(\\d+(?:[.,]\\d+)?)H)?(?:(\\d+(?:[.,]\\d+)?)M)?(?:(\\d+(?:[.,]\\d+)?)S)?)?$");
    private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private Durations() {}

    /** An ISO-8601 duration, or empty if {@code text} is not one. */
    public static Optional<Duration> parseIso8601(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = ISO.matcher(text.trim());
        if (!m.matches() || text.trim().equals("P") || text.trim().endsWith("T")) {
            return Optional.empty();
        }
        BigDecimal seconds = BigDecimal.ZERO;
        long[] unitSeconds = {365L * 86400, 30L * 86400, 7L * 86400, 86400, 3600, 60, 1};
        for (int group = 2; group <= 8; group++) {
            String value = m.group(group);
            if (value != null) {
                seconds = seconds.add(
                        new BigDecimal(value.replace(',', '.')).multiply(BigDecimal.valueOf(unitSeconds[group - 2])));
            }
        }
        Duration d = Duration.ofNanos(seconds.movePointRight(9).longValue());
        return Optional.of("-".equals(m.group(1)) ? d.negated() : d);
    }

    /** A Go duration ({@code time.ParseDuration}), or empty if {@code text} is not one. */
    public static Optional<Duration> parseGo(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher m = GO_PART.matcher(s);
        int end = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            end = m.end();
            BigDecimal value = new BigDecimal(
                    m.group(1).endsWith(".")
                            ? m.group(1) + "0"
                            : (m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1)));
            long unit =
                    switch (m.group(2)) {
                        case "ns" -> 1L;
                        case "us", "µs" -> 1_000L;
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    };
            nanos = nanos.add(value.multiply(BigDecimal.valueOf(unit)));
        }
        if (end == 0 || end != s.length()) {
            return Optional.empty();
        }
        Duration d = Duration.ofNanos(nanos.longValue());
        return Optional.of(negative ? d.negated() : d);
    }
}
