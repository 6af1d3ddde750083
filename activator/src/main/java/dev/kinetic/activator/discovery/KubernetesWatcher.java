package dev.kinetic.activator.discovery;

import dev.kinetic.activator.revision.RevisionKey;
import dev.kinetic.activator.revision.RevisionSettings;
import dev.kinetic.api.serving.v1.Revision;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * Feeds the {@link BackendRegistry} from two informers over all namespaces: Revisions (for their settings) and
 * {@code discovery.k8s.io/v1} EndpointSlices (for their pods). Every slice is watched and the revisions' private
 * ones picked out here, because a set-based label selector would be the only way to narrow the watch server-side
 * and the test server ignores those. Events are translated into plain values on the informer's thread and handed
 * over; nothing here blocks.
 */
public final class KubernetesWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KubernetesWatcher.class.getName());

    private final KubernetesClient client;
    private final BackendRegistry registry;
    private SharedIndexInformer<Revision> revisions;
    private SharedIndexInformer<EndpointSlice> slices;

    public KubernetesWatcher(KubernetesClient client, BackendRegistry registry) {
        this.client = client;
        this.registry = registry;
    }

    /** Starts both informers; the future completes once both have listed everything (or one failed to start). */
    public Future<Void> start() {
        revisions = client.resources(Revision.class).inAnyNamespace().runnableInformer(0);
        revisions.addEventHandler(new Handler<>() {
            @Override
            void changed(Revision revision) {
                registry.revisionUpdated(key(revision), RevisionSettings.of(revision));
            }

            @Override
            void deleted(Revision revision) {
                registry.revisionDeleted(key(revision));
            }
        });
        slices = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
        slices.addEventHandler(new Handler<>() {
            @Override
            void changed(EndpointSlice slice) {
                Optional<RevisionKey> key = EndpointSliceAddresses.revisionOf(slice);
                key.ifPresent(k -> registry.sliceUpdated(
                        k, slice.getMetadata().getName(), EndpointSliceAddresses.readyAddresses(slice)));
            }

            @Override
            void deleted(EndpointSlice slice) {
                EndpointSliceAddresses.revisionOf(slice)
                        .ifPresent(k ->
                                registry.sliceDeleted(k, slice.getMetadata().getName()));
            }
        });
        return Future.all(List.of(
                        Future.fromCompletionStage(revisions.start()), Future.fromCompletionStage(slices.start())))
                .mapEmpty();
    }

    private static RevisionKey key(HasMetadata resource) {
        return new RevisionKey(
                resource.getMetadata().getNamespace(), resource.getMetadata().getName());
    }

    @Override
    public void close() {
        if (revisions != null) {
            revisions.close();
        }
        if (slices != null) {
            slices.close();
        }
    }

    /** Adds and updates are the same to us (the registry diffs); a handler failure is logged, never thrown back. */
    private abstract static class Handler<T extends HasMetadata> implements ResourceEventHandler<T> {
        abstract void changed(T resource);

        abstract void deleted(T resource);

        @Override
        public void onAdd(T resource) {
            safely(() -> changed(resource), resource);
        }

        @Override
        public void onUpdate(T oldResource, T newResource) {
            safely(() -> changed(newResource), newResource);
        }

        @Override
        public void onDelete(T resource, boolean deletedFinalStateUnknown) {
            safely(() -> deleted(resource), resource);
        }

        private static void safely(Runnable action, HasMetadata resource) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "ignoring " + resource.getKind() + " "
                                + resource.getMetadata().getNamespace() + "/"
                                + resource.getMetadata().getName() + ": " + e,
                        e);
            }
        }
    }
}
