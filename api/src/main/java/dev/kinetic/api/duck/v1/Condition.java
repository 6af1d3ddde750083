package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;
import lombok.experimental.Accessors;

/** A Knative condition ({@code knative.dev/pkg/apis.Condition}). */
@Data
@NoArgsConstructor
@AllArgsConstructor
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";
    /** Severity of a condition that does not gate readiness. Dependents and the happy condition have none. */
    public static final String SEVERITY_INFO = "Info";

    public static final String SEVERITY_WARNING = "Warning";

    private String type;
    /** {@code True}, {@code False} or {@code Unknown}. */
    private String status;
    /** Empty for conditions that gate readiness, {@code Info} or {@code Warning} otherwise. */
    private String severity;
    /** RFC 3339 time of the last status change. */
    private String lastTransitionTime;
    /** One CamelCase word saying why the condition is what it is. */
    private String reason;
    /** A human-readable explanation. */
    private String message;

    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    @JsonIgnore
    public boolean isFalse() {
        return FALSE.equals(status);
    }

    @JsonIgnore
    public boolean isUnknown() {
        return !isTrue() && !isFalse();
    }

    /** Equal in everything a user would see change, ignoring when it changed. */
    boolean sameStateAs(Condition other) {
        return other != null
                && java.util.Objects.equals(type, other.type)
                && java.util.Objects.equals(status, other.status)
                && java.util.Objects.equals(blankToNull(severity), blankToNull(other.severity))
                && java.util.Objects.equals(blankToNull(reason), blankToNull(other.reason))
                && java.util.Objects.equals(blankToNull(message), blankToNull(other.message));
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
