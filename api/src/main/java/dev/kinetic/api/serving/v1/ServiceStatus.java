package dev.kinetic.api.serving.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kinetic.api.duck.v1.Addressable;
import dev.kinetic.api.duck.v1.Condition;
import dev.kinetic.api.duck.v1.ConditionManager;
import dev.kinetic.api.duck.v1.ConditionSet;
import dev.kinetic.api.duck.v1.Status;
import java.util.List;
import java.util.Optional;
import lombok.Data;
import lombok.EqualsAndHashCode;
import lombok.experimental.Accessors;

/**
 * A Service's status: the Configuration's and the Route's fields inlined, and conditions mirrored from those two
 * children ({@code ConfigurationsReady}, {@code RoutesReady}) with their reasons copied.
 */
@Data
@EqualsAndHashCode(callSuper = true)
@Accessors(chain = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ServiceStatus extends Status {
    public static final String CONFIGURATIONS_READY = "ConfigurationsReady";
    public static final String ROUTES_READY = "RoutesReady";
    public static final ConditionSet CONDITIONS = ConditionSet.living(CONFIGURATIONS_READY, ROUTES_READY);

    private String latestCreatedRevisionName;
    private String latestReadyRevisionName;
    private String url;
    private Addressable address;
    private List<TrafficTarget> traffic;

    private ConditionManager manage() {
        return CONDITIONS.manage(this);
    }

    public void initializeConditions() {
        manage().initialize();
    }

    public void markConfigurationNotOwned(String name) {
        manage().markFalse(CONFIGURATIONS_READY, "NotOwned", notOwned("Configuration", name));
    }

    public void markRouteNotOwned(String name) {
        manage().markFalse(ROUTES_READY, "NotOwned", notOwned("Route", name));
    }

    public void markConfigurationNotReconciled() {
        manage().markUnknown(
                        CONFIGURATIONS_READY,
                        "OutOfDate",
                        "The Configuration is still working to reflect the latest desired specification.");
    }

    public void markRouteNotReconciled() {
        manage().markUnknown(
                        ROUTES_READY,
                        "OutOfDate",
                        "The Route is still working to reflect the latest desired specification.");
    }

    public void markRevisionNameTaken(String name) {
        manage().markFalse(
                        ROUTES_READY,
                        "RevisionNameTaken",
                        "The revision name \"" + name + "\" is taken by another Revision.");
    }

    public void markRouteNotYetReady() {
        manage().markUnknown(ROUTES_READY, "TrafficNotMigrated", "Traffic is not yet migrated to the latest revision.");
    }

    /** Copies the Configuration's revision names and mirrors its Ready condition into ConfigurationsReady. */
    public void propagateConfigurationStatus(ConfigurationStatus child) {
        latestCreatedRevisionName = child.getLatestCreatedRevisionName();
        latestReadyRevisionName = child.getLatestReadyRevisionName();
        mirror(CONFIGURATIONS_READY, child.condition(ConditionSet.READY));
    }

    /** Copies the Route's URL, address and traffic and mirrors its Ready condition into RoutesReady. */
    public void propagateRouteStatus(RouteStatus child) {
        url = child.getUrl();
        address = child.getAddress();
        traffic = child.getTraffic();
        mirror(ROUTES_READY, child.condition(ConditionSet.READY));
    }

    private void mirror(String type, Optional<Condition> source) {
        if (source.isEmpty() || source.get().isUnknown()) {
            manage().markUnknown(
                            type,
                            source.map(Condition::getReason).orElse(null),
                            source.map(Condition::getMessage).orElse(null));
        } else if (source.get().isTrue()) {
            manage().markTrue(type);
        } else {
            manage().markFalse(type, source.get().getReason(), source.get().getMessage());
        }
    }

    private static String notOwned(String kind, String name) {
        return "There is an existing " + kind + " \"" + name + "\" that we do not own.";
    }
}
