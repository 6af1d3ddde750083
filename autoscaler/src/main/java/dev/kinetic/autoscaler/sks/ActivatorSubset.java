package dev.kinetic.autoscaler.sks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Which activators front a revision in Proxy mode: a subset of {@code size} activators chosen by rendezvous hashing
 * on the revision's key. Every autoscaler replica picks the same subset from the same activator list, each revision
 * lands on different activators (load spreads), and adding or removing one activator moves only the revisions whose
 * subset contained it (Knative's {@code ChooseSubset} has the same aims).
 */
public final class ActivatorSubset {
    private ActivatorSubset() {}

    /**
     * @param activators the addresses of the ready activators, in any order
     * @param key the revision's {@code namespace/name}
     * @param size how many to pick; 0 or at least {@code activators.size()} means all of them
     * @return the chosen addresses, sorted
     */
    public static List<String> choose(List<String> activators, String key, int size) {
        if (size <= 0 || size >= activators.size()) {
            List<String> all = new ArrayList<>(activators);
            all.sort(Comparator.naturalOrder());
            return all;
        }
        long keyHash = fnv1a(key.getBytes(StandardCharsets.UTF_8), 0xcbf29ce484222325L);
        String[] sorted = activators.toArray(String[]::new);
        long[] weights = new long[sorted.length];
        Integer[] order = new Integer[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            weights[i] = mix(fnv1a(sorted[i].getBytes(StandardCharsets.UTF_8), keyHash));
            order[i] = i;
        }
        // Highest weight first; ties (practically impossible) broken by address so the choice stays deterministic.
        Arrays.sort(
                order,
                (a, b) -> weights[a] != weights[b]
                        ? Long.compareUnsigned(weights[b], weights[a])
                        : sorted[a].compareTo(sorted[b]));
        List<String> chosen = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            chosen.add(sorted[order[i]]);
        }
        chosen.sort(Comparator.naturalOrder());
        return chosen;
    }

    private static long fnv1a(byte[] bytes, long seed) {
        long h = seed;
        for (byte b : bytes) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** A finaliser (SplitMix64's) so near-identical addresses still get unrelated weights. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
