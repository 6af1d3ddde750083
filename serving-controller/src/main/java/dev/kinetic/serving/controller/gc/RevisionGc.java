package dev.kinetic.serving.controller.gc;

import dev.kinetic.serving.controller.config.GcConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses which of one Configuration's Revisions to delete, with {@code config-gc} semantics.
 *
 * <ol>
 *   <li>Only non-active Revisions are candidates. Kept always: the latest created and latest ready Revisions, any
 *       annotated {@code serving.knative.dev/no-gc: "true"}, and any whose routing state is not {@code reserve}
 *       (routed {@code active}, {@code pending}, or not yet labelled), as Knative keeps them.
 *   <li>Oldest first (by last active time), a candidate is deleted when it is stale: created longer ago than
 *       {@code retain-since-create-time} and last active longer ago than {@code retain-since-last-active-time} (a
 *       disabled time does not hold it back; both disabled means nothing is stale), while more than
 *       {@code min-non-active-revisions} candidates remain.
 *   <li>If more than {@code max-non-active-revisions} remain, the oldest beyond that are deleted whatever their age.
 * </ol>
 */
public final class RevisionGc {
    private RevisionGc() {}

    /**
     * The names of the Revisions to delete, oldest first.
     *
     * @param revisions every Revision of one Configuration
     * @param latestCreated {@code status.latestCreatedRevisionName}, may be null
     * @param latestReady {@code status.latestReadyRevisionName}, may be null
     * @param config the {@code config-gc} snapshot
     * @param now the current time
     */
    public static List<String> collect(
            List<RevisionInfo> revisions, String latestCreated, String latestReady, GcConfig config, Instant now) {
        List<RevisionInfo> candidates = new ArrayList<>();
        for (RevisionInfo revision : revisions) {
            if (!revision.name().equals(latestCreated)
                    && !revision.name().equals(latestReady)
                    && !revision.preserved()
                    && RevisionInfo.ROUTING_STATE_RESERVE.equals(revision.routingState())) {
                candidates.add(revision);
            }
        }
        long min = config.minNonActiveRevisions();
        if (candidates.size() <= min) {
            return List.of();
        }
        // Oldest first; ties broken by name so the choice is stable.
        candidates.sort(Comparator.comparing((RevisionInfo r) -> r.lastActive().orElse(now))
                .thenComparing(RevisionInfo::name));

        List<String> deleted = new ArrayList<>();
        List<RevisionInfo> kept = new ArrayList<>();
        int remaining = candidates.size();
        for (RevisionInfo revision : candidates) {
            if (remaining > min && stale(revision, config, now)) {
                deleted.add(revision.name());
                remaining--;
            } else {
                kept.add(revision);
            }
        }
        if (config.maxNonActiveRevisions().isPresent()) {
            long max = config.maxNonActiveRevisions().getAsLong();
            for (int i = 0; kept.size() - i > max; i++) {
                deleted.add(kept.get(i).name());
            }
        }
        return List.copyOf(deleted);
    }

    private static boolean stale(RevisionInfo revision, GcConfig config, Instant now) {
        Optional<Duration> sinceCreate = config.retainSinceCreateTime();
        Optional<Duration> sinceActive = config.retainSinceLastActiveTime();
        if (sinceCreate.isEmpty() && sinceActive.isEmpty()) {
            return false;
        }
        // An object without a creation time has not been stored yet: as young as can be.
        Instant created = revision.creationTimestamp().orElse(now);
        if (sinceCreate.isPresent() && created.plus(sinceCreate.get()).isAfter(now)) {
            return false;
        }
        Instant active = revision.lastActive().orElse(now);
        return sinceActive.isEmpty() || !active.plus(sinceActive.get()).isAfter(now);
    }
}
