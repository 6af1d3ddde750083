package dev.kinetic.benchmarks.report;

/**
 * The outcome of one target for one subject.
 *
 * @param variant the variant whose load run the verdict is about, or null for startup and memory targets
 * @param connections the connection count it was measured at, or 0 for startup and memory targets
 * @param measured the measured value, as shown in the report
 */
public record Verdict(
        String target, String subject, Variant variant, int connections, String measured, Outcome outcome) {

    /** How a measurement compares with its target. */
    public enum Outcome {
        PASS("PASS"),
        /** Over the goal but within the hard limit, where the target has both. */
        MISS("MISS"),
        /** Over the goal, and over the hard limit where there is one. */
        MISS_OVER_LIMIT("MISS, over the limit"),
        /** More than 1% of the requests failed: the figure proves nothing. */
        ERRORS("MISS (requests failed)"),
        NOT_MEASURED("not measured");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean missed() {
            return this == MISS || this == MISS_OVER_LIMIT || this == ERRORS;
        }
    }
}
