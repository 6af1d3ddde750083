package dev.kinetic.api.messaging.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lombok.Data;
import lombok.experimental.Accessors;

/** The kind of channel backing a generic Channel, and that channel's spec ({@code ChannelTemplateSpec}). */
@Data
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ChannelTemplateSpec {
    private String apiVersion;
    private String kind;
    /** The backing channel's spec, free-form: its schema is the backing kind's. */
    private ObjectNode spec;
}
