package dev.kinetic.api.apis;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kubernetes' name rules (DNS-1035 labels, DNS-1123 labels and subdomains), returning why a name is invalid. */
public final class Names {
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Names() {}

    /** Empty when {@code name} is a DNS-1035 label, else the reason. */
    public static Optional<String> dns1035Label(String name) {
        if (name.length() > 63) {
            return Optional.of("must be no more than 63 characters");
        }
        return DNS1035_LABEL.matcher(name).matches()
                ? Optional.empty()
                : Optional.of("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with"
                        + " an alphabetic character, and end with an alphanumeric character");
    }

    /** Empty when {@code name} is a DNS-1123 label, else the reason. */
    public static Optional<String> dns1123Label(String name) {
        if (name.length() > 63) {
            return Optional.of("must be no more than 63 characters");
        }
        return DNS1123_LABEL.matcher(name).matches()
                ? Optional.empty()
                : Optional.of("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
                        + " and must start and end with an alphanumeric character");
    }

    /** Empty when {@code name} is a DNS-1123 subdomain, else the reason. */
    public static Optional<String> dns1123Subdomain(String name) {
        if (name.length() > 253) {
            return Optional.of("must be no more than 253 characters");
        }
        return DNS1123_SUBDOMAIN.matcher(name).matches()
                ? Optional.empty()
                : Optional.of("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
                        + " or '.', and must start and end with an alphanumeric character");
    }
}
