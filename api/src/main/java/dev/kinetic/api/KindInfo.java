package dev.kinetic.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;
import java.util.Map;

/**
 * What the CRD of one kind needs beyond the class's own annotations: kubectl printer columns, categories, labels
 * and a one-line description.
 *
 * @param type the model class, annotated with {@code @Group}, {@code @Version}, {@code @Kind}, {@code @Plural} and
 *     optionally {@code @ShortNames}
 * @param admission the kind's defaulting and validation
 */
public record KindInfo(
        Class<? extends CustomResource<?, ?>> type,
        Admission<?> admission,
        String description,
        List<String> categories,
        Map<String, String> labels,
        List<PrinterColumn> columns) {

    /** One {@code additionalPrinterColumns} entry. */
    public record PrinterColumn(String name, String type, String jsonPath, String description) {}

    public static PrinterColumn column(String name, String jsonPath) {
        return new PrinterColumn(name, "string", jsonPath, null);
    }

    public static PrinterColumn column(String name, String type, String jsonPath) {
        return new PrinterColumn(name, type, jsonPath, null);
    }

    public static final PrinterColumn READY =
            new PrinterColumn("Ready", "string", ".status.conditions[?(@.type=='Ready')].status", null);
    public static final PrinterColumn REASON =
            new PrinterColumn("Reason", "string", ".status.conditions[?(@.type=='Ready')].reason", null);
    public static final PrinterColumn AGE = new PrinterColumn("Age", "date", ".metadata.creationTimestamp", null);

    public String group() {
        return HasMetadata.getGroup(type);
    }

    public String version() {
        return HasMetadata.getVersion(type);
    }

    public String apiVersion() {
        return HasMetadata.getApiVersion(type);
    }

    public String kind() {
        return HasMetadata.getKind(type);
    }

    public String plural() {
        return HasMetadata.getPlural(type);
    }

    public String singular() {
        return HasMetadata.getSingular(type);
    }

    public List<String> shortNames() {
        return List.of(CustomResource.getShortNames(type));
    }

    /** The CRD's name, {@code <plural>.<group>}. */
    public String crdName() {
        return plural() + "." + group();
    }
}
