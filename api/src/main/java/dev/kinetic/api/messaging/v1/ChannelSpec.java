package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** The desired state of a generic Channel ({@code messaging/v1.ChannelSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelSpec extends ChannelableSpec {
    /** The backing channel; defaulted from {@code default-ch-webhook}, immutable. */
    private ChannelTemplateSpec channelTemplate;
}
