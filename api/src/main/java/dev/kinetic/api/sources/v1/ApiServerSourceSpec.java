package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.SourceSpec;
import dev.kinetic.api.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** What an ApiServerSource watches and how it reports it ({@code sources/v1.ApiServerSourceSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ApiServerSourceSpec extends SourceSpec {
    public static final String MODE_REFERENCE = "Reference";
    public static final String MODE_RESOURCE = "Resource";

    /** The kinds to watch; at least one. */
    private List<APIVersionKindSelector> resources;
    /** Only objects controlled by an owner of this kind. */
    private APIVersionKind owner;
    /** {@code Reference} (the event carries a reference to the object) or {@code Resource} (the whole object). */
    private String mode;
    /** The identity the adapter watches with; {@code default} unless set. */
    private String serviceAccountName;
    /** Which namespaces to watch; the source's own when unset. */
    private LabelSelector namespaceSelector;
    /** Subscriptions API filters applied before sending. */
    private List<SubscriptionsAPIFilter> filters;
}
