package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** The desired state of an InMemoryChannel: just the Channelable fields ({@code InMemoryChannelSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class InMemoryChannelSpec extends ChannelableSpec {}
