package dev.kinetic.api.sources.v1;

import dev.kinetic.api.apis.Durations;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed cron schedule in the syntax PingSource accepts (robfig/cron's standard parser): five fields (minute, hour,
 * day of month, month, day of week) of comma-separated lists of {@code *}, {@code ?}, values, ranges {@code a-b} and
 * steps {@code x/n}, month and weekday names, the {@code @yearly … @hourly} macros, {@code @every <duration>}, and an
 * optional {@code CRON_TZ=<zone>} or {@code TZ=<zone>} prefix.
 *
 * @param minutes the minutes that fire, 0–59
 * @param hours 0–23
 * @param daysOfMonth 1–31
 * @param months 1–12
 * @param daysOfWeek 0–6, Sunday is 0
 * @param zone the zone of a {@code CRON_TZ=} prefix, or null
 * @param every the interval of an {@code @every} schedule, otherwise null (and the fields are empty)
 */
public record CronSchedule(
        BitSet minutes,
        BitSet hours,
        BitSet daysOfMonth,
        BitSet months,
        BitSet daysOfWeek,
        ZoneId zone,
        Duration every) {

    /** A schedule that cannot be parsed; the message says why, in robfig/cron's words where it has them. */
    public static final class InvalidScheduleException extends IllegalArgumentException {
        public InvalidScheduleException(String message) {
            super(message);
        }
    }

    private record Field(String name, int min, int max, Map<String, Integer> names) {}

    private static final Map<String, Integer> MONTH_NAMES = Map.ofEntries(
            Map.entry("jan", 1),
            Map.entry("feb", 2),
            Map.entry("mar", 3),
            Map.entry("apr", 4),
            Map.entry("may", 5),
            Map.entry("jun", 6),
            Map.entry("jul", 7),
            Map.entry("aug", 8),
            Map.entry("sep", 9),
            Map.entry("oct", 10),
            Map.entry("nov", 11),
            Map.entry("dec", 12));
    private static final Map<String, Integer> DAY_NAMES =
            Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

    private static final List<Field> FIELDS = List.of(
            new Field("minute", 0, 59, Map.of()),
            new Field("hour", 0, 23, Map.of()),
            new Field("day of month", 1, 31, Map.of()),
            new Field("month", 1, 12, MONTH_NAMES),
            new Field("day of week", 0, 6, DAY_NAMES));

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    /**
     * Parses {@code spec}.
     *
     * @throws InvalidScheduleException if it is not a valid schedule
     */
    public static CronSchedule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new InvalidScheduleException("empty spec string");
        }
        String text = spec.trim();
        ZoneId zone = null;
        if (text.startsWith("CRON_TZ=") || text.startsWith("TZ=")) {
            int space = text.indexOf(' ');
            String name = text.substring(text.indexOf('=') + 1, space < 0 ? text.length() : space);
            try {
                zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                throw new InvalidScheduleException("provided bad location " + name + ": " + e.getMessage());
            }
            text = space < 0 ? "" : text.substring(space).trim();
        }
        if (text.startsWith("@every")) {
            String interval = text.substring("@every".length()).trim();
            Duration every = Durations.parseGo(interval)
                    .orElseThrow(() -> new InvalidScheduleException("failed to parse duration @every " + interval));
            if (every.isNegative() || every.isZero()) {
                throw new InvalidScheduleException("@every needs a positive duration: @every " + interval);
            }
            return new CronSchedule(new BitSet(), new BitSet(), new BitSet(), new BitSet(), new BitSet(), zone, every);
        }
        if (text.startsWith("@")) {
            String expansion = MACROS.get(text.toLowerCase(Locale.ROOT));
            if (expansion == null) {
                throw new InvalidScheduleException("unrecognized descriptor: " + text);
            }
            return fields(expansion, zone);
        }
        return fields(text, zone);
    }

    /** Null when {@code spec} is a valid schedule, otherwise why not. */
    public static String validate(String spec) {
        try {
            parse(spec);
            return null;
        } catch (InvalidScheduleException e) {
            return e.getMessage();
        }
    }

    private static CronSchedule fields(String text, ZoneId zone) {
        String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (parts.length != FIELDS.size()) {
            throw new InvalidScheduleException("expected exactly 5 fields, found " + parts.length + ": [" + text + "]");
        }
        BitSet[] sets = new BitSet[FIELDS.size()];
        for (int i = 0; i < parts.length; i++) {
            sets[i] = field(parts[i], FIELDS.get(i));
        }
        return new CronSchedule(sets[0], sets[1], sets[2], sets[3], sets[4], zone, null);
    }

    private static BitSet field(String text, Field field) {
        BitSet bits = new BitSet();
        for (String range : text.split(",", -1)) {
            range(range, field, bits);
        }
        return bits;
    }

    private static void range(String text, Field field, BitSet bits) {
        String[] stepParts = text.split("/", -1);
        if (stepParts.length > 2) {
            throw new InvalidScheduleException("too many slashes: " + text);
        }
        String[] bounds = stepParts[0].split("-", -1);
        if (bounds.length > 2) {
            throw new InvalidScheduleException("too many hyphens: " + text);
        }
        int start;
        int end;
        boolean star = stepParts[0].equals("*") || stepParts[0].equals("?");
        if (star) {
            start = field.min;
            end = field.max;
        } else {
            start = value(bounds[0], field);
            end = bounds.length == 2 ? value(bounds[1], field) : start;
        }
        int step = 1;
        if (stepParts.length == 2) {
            step = number(stepParts[1], text);
            if (step <= 0) {
                throw new InvalidScheduleException("step of range should be a positive number: " + text);
            }
            // "n/step" means from n to the end of the field.
            if (!star && bounds.length == 1) {
                end = field.max;
            }
        }
        if (start < field.min) {
            throw new InvalidScheduleException("beginning of range (" + start + ") below minimum (" + field.min + "): "
                    + text + " in " + field.name);
        }
        if (end > field.max) {
            throw new InvalidScheduleException(
                    "end of range (" + end + ") above maximum (" + field.max + "): " + text + " in " + field.name);
        }
        if (start > end) {
            throw new InvalidScheduleException(
                    "beginning of range (" + start + ") beyond end of range (" + end + "): " + text);
        }
        for (int v = start; v <= end; v += step) {
            bits.set(v);
        }
    }

    private static int value(String text, Field field) {
        Integer named = field.names.get(text.toLowerCase(Locale.ROOT));
        return named != null ? named : number(text, text);
    }

    private static int number(String text, String context) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 9) {
            throw new InvalidScheduleException("failed to parse int from " + text + ": " + context);
        }
        return Integer.parseInt(text);
    }
}
