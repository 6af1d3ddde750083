package dev.kinetic.api.duck.v1;

import java.util.List;

/**
 * The address of an Addressable kind and its {@code Addressable} condition: the URL the kind is reached at is
 * published as {@code address} and as the one entry of {@code addresses}. {@link AddressStatus} has the setters.
 */
public interface AddressLifecycle extends StatusLifecycle {
    String ADDRESSABLE = "Addressable";

    Object setAddress(Addressable address);

    Object setAddresses(List<Addressable> addresses);

    /**
     * Publishes {@code address} and marks Addressable True. Without a URL the address is cleared and Addressable is
     * False with {@code reason} and {@code message}, which each kind words as its Knative counterpart does.
     */
    default void markAddress(Addressable address, String reason, String message) {
        if (address == null || address.getUrl() == null || address.getUrl().isEmpty()) {
            setAddress(null);
            setAddresses(null);
            manageConditions().markFalse(ADDRESSABLE, reason, message);
            return;
        }
        setAddress(address);
        setAddresses(List.of(address));
        manageConditions().markTrue(ADDRESSABLE);
    }
}
