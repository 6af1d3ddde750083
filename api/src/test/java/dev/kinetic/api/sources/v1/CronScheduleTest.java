package dev.kinetic.api.sources.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.util.BitSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronScheduleTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(Named.of("every minute", "* * * * *")),
                Arguments.of(Named.of("every two minutes", "*/2 * * * *")),
                Arguments.of(Named.of("lists and ranges", "0,15,30-35 8-18 * * *")),
                Arguments.of(Named.of("stepped range", "10-50/10 * * * *")),
                Arguments.of(Named.of("start with step", "5/20 * * * *")),
                Arguments.of(Named.of("month and day names", "0 9 * JAN-MAR mon-fri")),
                Arguments.of(Named.of("question mark", "0 0 ? * *")),
                Arguments.of(Named.of("extra whitespace", "  0   12  1 *  * ")),
                Arguments.of(Named.of("bounds", "59 23 31 12 6")),
                Arguments.of(Named.of("hourly macro", "@hourly")),
                Arguments.of(Named.of("daily macro", "@daily")),
                Arguments.of(Named.of("yearly macro upper case", "@YEARLY")),
                Arguments.of(Named.of("every macro", "@every 1h30m")),
                Arguments.of(Named.of("time zone prefix", "CRON_TZ=Europe/Berlin 0 6 * * *")),
                Arguments.of(Named.of("short TZ prefix", "TZ=America/New_York @midnight")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void accepted(String schedule) {
        assertThat(CronSchedule.validate(schedule)).isNull();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Named.of("empty", ""), "empty spec string"),
                Arguments.of(Named.of("six fields", "0 * * * * *"), "expected exactly 5 fields, found 6"),
                Arguments.of(Named.of("four fields", "* * * *"), "expected exactly 5 fields, found 4"),
                Arguments.of(Named.of("minute too large", "60 * * * *"), "end of range (60) above maximum (59)"),
                Arguments.of(Named.of("hour too large", "0 24 * * *"), "end of range (24) above maximum (23)"),
                Arguments.of(Named.of("day of month zero", "0 0 0 * *"), "beginning of range (0) below minimum (1)"),
                Arguments.of(Named.of("weekday seven", "0 0 * * 7"), "end of range (7) above maximum (6)"),
                Arguments.of(Named.of("backwards range", "30-10 * * * *"), "beginning of range (30) beyond end"),
                Arguments.of(Named.of("zero step", "*/0 * * * *"), "step of range should be a positive number"),
                Arguments.of(Named.of("two slashes", "*/2/3 * * * *"), "too many slashes"),
                Arguments.of(Named.of("two hyphens", "1-2-3 * * * *"), "too many hyphens"),
                Arguments.of(Named.of("word", "every * * * *"), "failed to parse int from every"),
                Arguments.of(Named.of("name in the wrong field", "0 0 * MON *"), "failed to parse int from MON"),
                Arguments.of(Named.of("empty list element", "1,,2 * * * *"), "failed to parse int from"),
                Arguments.of(Named.of("unknown macro", "@fortnightly"), "unrecognized descriptor: @fortnightly"),
                Arguments.of(Named.of("every without duration", "@every"), "failed to parse duration"),
                Arguments.of(Named.of("every zero", "@every 0s"), "@every needs a positive duration"),
                Arguments.of(Named.of("unknown zone", "CRON_TZ=Mars/Olympus * * * * *"), "provided bad location"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejected(String schedule, String problem) {
        assertThat(CronSchedule.validate(schedule)).contains(problem);
        assertThatThrownBy(() -> CronSchedule.parse(schedule))
                .isInstanceOf(CronSchedule.InvalidScheduleException.class);
    }

    static BitSet bits(int... values) {
        BitSet bits = new BitSet();
        IntStream.of(values).forEach(bits::set);
        return bits;
    }

    @Test
    void expandsStepsRangesAndNames() {
        CronSchedule schedule = CronSchedule.parse("*/15 9-17/4 1,15 jan,Jul mon-wed,SAT");
        assertThat(schedule.minutes()).isEqualTo(bits(0, 15, 30, 45));
        assertThat(schedule.hours()).isEqualTo(bits(9, 13, 17));
        assertThat(schedule.daysOfMonth()).isEqualTo(bits(1, 15));
        assertThat(schedule.months()).isEqualTo(bits(1, 7));
        assertThat(schedule.daysOfWeek()).isEqualTo(bits(1, 2, 3, 6));
        assertThat(schedule.zone()).isNull();
        assertThat(schedule.every()).isNull();
    }

    @Test
    void sundayToSaturdayIsARange() {
        assertThat(CronSchedule.parse("0 0 * * sun-sat").daysOfWeek()).isEqualTo(bits(0, 1, 2, 3, 4, 5, 6));
        assertThatThrownBy(() -> CronSchedule.parse("0 0 * * sat-sun"))
                .hasMessageContaining("beginning of range (6) beyond end of range (0)");
    }

    @Test
    void startWithStepRunsToTheEndOfTheField() {
        assertThat(CronSchedule.parse("50/5 * * * *").minutes()).isEqualTo(bits(50, 55));
    }

    @Test
    void macrosExpand() {
        assertThat(CronSchedule.parse("@hourly")).isEqualTo(CronSchedule.parse("0 * * * *"));
        assertThat(CronSchedule.parse("@weekly").daysOfWeek()).isEqualTo(bits(0));
    }

    @Test
    void prefixAndEveryAreKept() {
        CronSchedule schedule = CronSchedule.parse("CRON_TZ=Asia/Tokyo @every 90s");
        assertThat(schedule.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(schedule.every()).isEqualTo(Duration.ofSeconds(90));
    }
}
