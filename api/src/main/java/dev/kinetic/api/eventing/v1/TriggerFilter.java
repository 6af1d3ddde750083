package dev.kinetic.api.eventing.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import lombok.Data;
import lombok.experimental.Accessors;

/**
 * The legacy Trigger filter ({@code eventing/v1.TriggerFilter}): every attribute must equal its value exactly; an
 * empty value accepts any value.
 */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TriggerFilter {
    private Map<String, String> attributes;
}
