package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.experimental.Accessors;

/** One traffic split entry of a Route or Service ({@code TrafficTarget}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrafficTarget {
    /** Names this target; it then also gets its own URL {@code {tag}-{route}.{ns}.{domain}}. */
    private String tag;
    /** A fixed Revision to send traffic to. */
    private String revisionName;
    /** A Configuration whose latest ready Revision gets the traffic (not allowed in a Service). */
    private String configurationName;
    /** Follow the latest ready Revision (true) or pin {@link #revisionName} (false). */
    private Boolean latestRevision;
    /** The share of traffic, 0 to 100; all targets sum to 100. */
    private Long percent;
    /** Status only: the URL of a tagged target. */
    private String url;
}
