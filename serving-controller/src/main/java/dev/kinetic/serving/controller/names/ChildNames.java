package dev.kinetic.serving.controller.names;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of child objects, exactly as Knative derives them ({@code kmeta.ChildName}), so objects keep the names users
 * and tools expect: {@code parent + suffix} when that fits in 63 characters, otherwise the parent is shortened and
 * made unique with the MD5 of the parent, or the whole name is the MD5 when even that cannot fit.
 */
public final class ChildNames {
    /** The longest Kubernetes object name that is also a DNS label. */
    public static final int LONGEST = 63;

    private static final int MD5_HEX_LENGTH = 32;

    private ChildNames() {}

    public static String childName(String parent, String suffix) {
        if (parent.length() <= LONGEST - suffix.length()) {
            return parent + suffix;
        }
        if (suffix.length() > LONGEST - MD5_HEX_LENGTH) {
            return md5Hex(parent + suffix);
        }
        return parent.substring(0, LONGEST - suffix.length() - MD5_HEX_LENGTH) + md5Hex(parent) + suffix;
    }

    /** A Configuration's revision for a generation: {@code <config>-00042}. */
    public static String revisionName(String configuration, long generation) {
        return childName(configuration, String.format("-%05d", generation));
    }

    /** {@code <revision>-deployment}. */
    public static String deployment(String revision) {
        return childName(revision, "-deployment");
    }

    /** {@code <revision>-private}: the Service selecting the revision's pods. */
    public static String privateService(String revision) {
        return childName(revision, "-private");
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java runtime", e);
        }
    }
}
