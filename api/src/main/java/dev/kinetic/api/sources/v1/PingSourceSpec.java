package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.SourceSpec;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/** When a PingSource fires and what it sends ({@code sources/v1.PingSourceSpec}). */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PingSourceSpec extends SourceSpec {
    /** A cron schedule, {@code * * * * *} (every minute) by default. */
    private String schedule;
    /** The IANA time zone the schedule is read in, UTC by default. */
    private String timezone;
    /** The media type of the event data. */
    private String contentType;
    /** The event data as text; not with {@link #dataBase64}. */
    private String data;
    /** The event data, base64-encoded; not with {@link #data}. */
    private String dataBase64;
}
