package dev.kinetic.autoscaler.scaling;

import static dev.kinetic.autoscaler.scaling.DeciderSpecTest.ann;
import static dev.kinetic.autoscaler.scaling.DeciderSpecTest.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kinetic.autoscaler.config.KpaConfig;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Min, max and initial scale and the scale-to-zero timings of a revision (Knative {@code PA.ScaleBounds}). */
class ScaleBoundsTest {

    static final ScaleBounds DEFAULTS = new ScaleBounds(0, 0, 1, true, 60_000, 30_000, 0);

    record Row(String name, KpaConfig config, Map<String, String> annotations, boolean reachable, ScaleBounds want) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Map<String, String> annotations, ScaleBounds want) {
        return new Row(name, KpaConfig.defaults(), annotations, true, want);
    }

    static Row row(String name, KpaConfig config, Map<String, String> annotations, ScaleBounds want) {
        return new Row(name, config, annotations, true, want);
    }

    static Row unreachable(String name, KpaConfig config, Map<String, String> annotations, ScaleBounds want) {
        return new Row(name, config, annotations, false, want);
    }

    /** {@link #DEFAULTS} with other min, max and initial. */
    static ScaleBounds scale(int min, int max, int initial) {
        return new ScaleBounds(min, max, initial, true, 60_000, 30_000, 0);
    }

    static Stream<Row> rows() {
        return Stream.of(
                row("defaults: no min, no max, one pod to start", ann(), DEFAULTS),
                row("min-scale annotation", ann("min-scale", "2"), scale(2, 0, 1)),
                row("legacy minScale", ann("minScale", "3"), scale(3, 0, 1)),
                unreachable(
                        "min-scale is ignored when unreachable", KpaConfig.defaults(), ann("min-scale", "2"), DEFAULTS),
                row("config min-scale", config("min-scale", "3"), ann(), scale(3, 0, 1)),
                unreachable("config min-scale is ignored when unreachable", config("min-scale", "3"), ann(), DEFAULTS),
                row(
                        "min-scale garbage: the config's",
                        config("min-scale", "1"),
                        ann("min-scale", "many"),
                        scale(1, 0, 1)),
                row("min-scale -1: the config's", ann("min-scale", "-1"), DEFAULTS),
                row("max-scale annotation", ann("max-scale", "10"), scale(0, 10, 1)),
                row("legacy maxScale", ann("maxScale", "7"), scale(0, 7, 1)),
                unreachable(
                        "max-scale stays when unreachable",
                        KpaConfig.defaults(),
                        ann("max-scale", "10"),
                        scale(0, 10, 1)),
                row("config max-scale", config("max-scale", "5"), ann(), scale(0, 5, 1)),
                row("max-scale -1: the config's", config("max-scale", "5"), ann("max-scale", "-1"), scale(0, 5, 1)),
                row(
                        "max-scale under max-scale-limit",
                        config("max-scale-limit", "20", "max-scale", "20"),
                        ann("max-scale", "15"),
                        scale(0, 15, 1)),
                row(
                        "max-scale over max-scale-limit: the config's",
                        config("max-scale-limit", "20", "max-scale", "20"),
                        ann("max-scale", "30"),
                        scale(0, 20, 1)),
                row(
                        "max-scale 0 (unlimited) with a limit: the config's",
                        config("max-scale-limit", "20", "max-scale", "10"),
                        ann("max-scale", "0"),
                        scale(0, 10, 1)),
                row("min and max together", ann("min-scale", "2", "max-scale", "4"), scale(2, 4, 1)),
                row("initial-scale annotation", ann("initial-scale", "3"), scale(0, 0, 3)),
                row("initial-scale 0 without allow-zero: the config's", ann("initial-scale", "0"), DEFAULTS),
                row(
                        "initial-scale 0 with allow-zero",
                        config("allow-zero-initial-scale", "true"),
                        ann("initial-scale", "0"),
                        scale(0, 0, 0)),
                row(
                        "config initial-scale 0 with allow-zero",
                        config("allow-zero-initial-scale", "true", "initial-scale", "0"),
                        ann(),
                        scale(0, 0, 0)),
                row(
                        "enable-scale-to-zero false",
                        config("enable-scale-to-zero", "false"),
                        ann(),
                        new ScaleBounds(0, 0, 1, false, 60_000, 30_000, 0)),
                row("window annotation", ann("window", "30s"), new ScaleBounds(0, 0, 1, true, 30_000, 30_000, 0)),
                row(
                        "config grace period",
                        config("scale-to-zero-grace-period", "45s"),
                        ann(),
                        new ScaleBounds(0, 0, 1, true, 60_000, 45_000, 0)),
                row(
                        "pod retention annotation",
                        ann("scale-to-zero-pod-retention-period", "5m"),
                        new ScaleBounds(0, 0, 1, true, 60_000, 30_000, 300_000)),
                row(
                        "legacy scaleToZeroPodRetentionPeriod",
                        ann("scaleToZeroPodRetentionPeriod", "90s"),
                        new ScaleBounds(0, 0, 1, true, 60_000, 30_000, 90_000)),
                row(
                        "config pod retention",
                        config("scale-to-zero-pod-retention-period", "1m"),
                        ann(),
                        new ScaleBounds(0, 0, 1, true, 60_000, 30_000, 60_000)),
                row(
                        "pod retention over an hour: the config's",
                        config("scale-to-zero-pod-retention-period", "1m"),
                        ann("scale-to-zero-pod-retention-period", "2h"),
                        new ScaleBounds(0, 0, 1, true, 60_000, 30_000, 60_000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void resolves(Row row) {
        assertThat(ScaleBounds.resolve(row.config(), row.annotations(), row.reachable()))
                .isEqualTo(row.want());
    }
}
