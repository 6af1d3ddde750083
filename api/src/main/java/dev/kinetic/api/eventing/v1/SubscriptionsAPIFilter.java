package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * One filter in the CloudEvents Subscriptions API dialects ({@code eventing/v1.SubscriptionsAPIFilter}). Exactly one
 * dialect is set; an element with none passes every event.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SubscriptionsAPIFilter {
    /** Every nested filter must pass. */
    private List<SubscriptionsAPIFilter> all;
    /** Every attribute must equal the value. */
    private Map<String, String> exact;
    /** Every attribute must start with the value. */
    private Map<String, String> prefix;
    /** Every attribute must end with the value. */
    private Map<String, String> suffix;
    /** At least one nested filter must pass. */
    private List<SubscriptionsAPIFilter> any;
    /** The nested filter must not pass. */
    private SubscriptionsAPIFilter not;
    /** A CloudEvents SQL expression that must evaluate to true. */
    private String cesql;

    /** The names of the dialects this element sets, in declaration order. */
    @JsonIgnore
    public List<String> dialects() {
        List<String> dialects = new ArrayList<>();
        if (all != null) {
            dialects.add("all");
        }
        if (exact != null) {
            dialects.add("exact");
        }
        if (prefix != null) {
            dialects.add("prefix");
        }
        if (suffix != null) {
            dialects.add("suffix");
        }
        if (any != null) {
            dialects.add("any");
        }
        if (not != null) {
            dialects.add("not");
        }
        if (cesql != null) {
            dialects.add("cesql");
        }
        return dialects;
    }
}
