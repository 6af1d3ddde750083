package dev.kinetic.api.duck.v1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * The status every Knative kind carries ({@code knative.dev/pkg/apis/duck/v1.Status}): the generation the
 * controller last acted on, the conditions, and free-form annotations.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Status {
    private Long observedGeneration;
    private List<Condition> conditions;
    private Map<String, String> annotations;

    @JsonIgnore
    public Optional<Condition> condition(String type) {
        return conditions == null
                ? Optional.empty()
                : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** The conditions, created on first use so lifecycle code can write into them. */
    @JsonIgnore
    List<Condition> mutableConditions() {
        if (conditions == null) {
            conditions = new ArrayList<>();
        }
        return conditions;
    }
}
