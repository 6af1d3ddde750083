package dev.kinetic.api.sources.v1;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kinetic.api.Admission;
import dev.kinetic.api.Manifests;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import dev.kinetic.api.eventing.PureAdmission;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;

/** Knative's validation of a PingSource ({@code ping_validation.go}). */
public final class PingSourceValidation {
    private PingSourceValidation() {}

    public static final Admission<PingSource> ADMISSION = PureAdmission.of(
            (source, config) -> PingSourceDefaults.setDefaults(source), PingSourceValidation::validate);

    private static final String JSON = "application/json";

    /**
     * A valid cron schedule ({@code @every} is refused, as in Knative: the ping adapter fires on minute boundaries),
     * a known time zone, at most one of data and dataBase64, base64 that decodes, JSON data when the content type
     * says JSON, and a valid sink.
     */
    public static Errors validate(PingSource source) {
        PingSourceSpec spec = source.getSpec() == null ? new PingSourceSpec() : source.getSpec();
        return Errors.none().via("spec", validateSpec(spec));
    }

    private static Errors validateSpec(PingSourceSpec spec) {
        Errors errors = Errors.none();
        String schedule = spec.getSchedule();
        if (schedule != null) {
            if (schedule.contains("@every")) {
                errors.add(FieldError.invalid(schedule, "schedule", "unsupported descriptor @every"));
            } else {
                String problem = CronSchedule.validate(schedule);
                if (problem != null) {
                    errors.add(FieldError.invalid(schedule, "schedule", problem));
                } else if (spec.getTimezone() != null
                        && CronSchedule.parse(schedule).zone() != null) {
                    errors.add(FieldError.invalid(
                            schedule, "schedule", "a CRON_TZ= prefix cannot be combined with spec.timezone"));
                }
            }
        }
        if (spec.getTimezone() != null && !spec.getTimezone().isEmpty()) {
            try {
                ZoneId.of(spec.getTimezone());
            } catch (DateTimeException e) {
                errors.add(FieldError.invalid(spec.getTimezone(), "timezone", "unknown IANA time zone"));
            }
        }
        errors.addAll(SourceValidation.validate(spec));
        boolean hasData = spec.getData() != null && !spec.getData().isEmpty();
        boolean hasBase64 =
                spec.getDataBase64() != null && !spec.getDataBase64().isEmpty();
        if (hasData && hasBase64) {
            errors.add(FieldError.multipleOneOf("data", "dataBase64"));
        } else if (hasBase64) {
            try {
                byte[] decoded = Base64.getDecoder().decode(spec.getDataBase64());
                if (JSON.equals(spec.getContentType()) && !isJsonObject(new String(decoded))) {
                    errors.add(FieldError.invalid(
                            spec.getDataBase64(), "dataBase64", "decoded data is not a JSON object"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.invalid(spec.getDataBase64(), "dataBase64", "not base64: " + e.getMessage()));
            }
        } else if (hasData && JSON.equals(spec.getContentType()) && !isJsonObject(spec.getData())) {
            errors.add(FieldError.invalid(spec.getData(), "data", "not a JSON object"));
        }
        return errors;
    }

    private static boolean isJsonObject(String text) {
        try {
            JsonNode tree = Manifests.json().readTree(text);
            return tree != null && tree.isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
