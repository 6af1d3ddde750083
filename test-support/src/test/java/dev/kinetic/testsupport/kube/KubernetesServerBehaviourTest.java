package dev.kinetic.testsupport.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Pins down what the CRUD-mode test API server does with a custom resource whose CRD enables the {@code status}
 * subresource ({@code test-crds/widgets.test.kinetic.dev.yaml}), and with one whose CRD does not ({@code
 * gadgets.test.kinetic.dev}). {@link KubernetesServerExtension}'s documentation summarizes these facts; reconciler
 * tests elsewhere rely on them.
 *
 * <p>Every test uses its own object name, as the server is shared by the class.
 */
@WithKineticApi(kineticCrds = false, crdFolders = "test-crds")
class KubernetesServerBehaviourTest {

    private static final String NAMESPACE = "behaviour";
    private static final ResourceDefinitionContext WIDGETS = new ResourceDefinitionContext.Builder()
            .withGroup("test.kinetic.dev")
            .withVersion("v1alpha1")
            .withKind("Widget")
            .withPlural("widgets")
            .withNamespaced(true)
            .build();
    private static final ResourceDefinitionContext GADGETS = new ResourceDefinitionContext.Builder()
            .withGroup("test.kinetic.dev")
            .withVersion("v1")
            .withKind("Gadget")
            .withPlural("gadgets")
            .withNamespaced(false)
            .build();

    private final KubernetesClient client;

    KubernetesServerBehaviourTest(KubernetesClient client) {
        this.client = client;
    }

    @Test
    void createSetsServerMetadataAndDropsStatus() {
        GenericKubernetesResource created =
                widgets().resource(widget("create", 2, "running")).create();

        assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getNamespace()).isEqualTo(NAMESPACE);
        assertThat(created.getAdditionalProperties()).doesNotContainKey("status");
        assertThat(spec(created)).containsEntry("size", 2);
    }

    @Test
    void createOfAnExistingNameIsAConflict() {
        widgets().resource(widget("duplicate", 1, null)).create();

        assertThatThrownBy(
                        () -> widgets().resource(widget("duplicate", 1, null)).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(409));
    }

    @Test
    void updateStatusChangesOnlyStatusAndKeepsGeneration() {
        GenericKubernetesResource created =
                widgets().resource(widget("update-status", 1, null)).create();

        GenericKubernetesResource change = copy(created);
        change.setAdditionalProperty("status", Map.of("phase", "Ready", "observedGeneration", 1));
        change.setAdditionalProperty("spec", Map.of("size", 5));
        change.getMetadata().setLabels(Map.of("changed", "true"));
        GenericKubernetesResource updated = widgets().resource(change).updateStatus();

        assertThat(status(updated)).containsEntry("phase", "Ready");
        assertThat(spec(updated)).containsEntry("size", 1);
        assertThat(updated.getMetadata().getLabels()).isNullOrEmpty();
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(updated.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion());
        assertThat(stored("update-status")).isEqualTo(updated);
    }

    @Test
    void patchStatusChangesOnlyStatusAndKeepsGeneration() {
        GenericKubernetesResource created =
                widgets().resource(widget("patch-status", 1, null)).create();

        GenericKubernetesResource change = copy(created);
        change.setAdditionalProperty("status", Map.of("phase", "Patched"));
        change.setAdditionalProperty("spec", Map.of("size", 7));
        GenericKubernetesResource patched = widgets().resource(change).patchStatus();

        assertThat(status(patched)).containsEntry("phase", "Patched");
        assertThat(spec(patched)).containsEntry("size", 1);
        assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void editStatusChangesOnlyStatus() {
        widgets().resource(widget("edit-status", 1, null)).create();

        GenericKubernetesResource edited = widgets().withName("edit-status").editStatus(w -> {
            w.setAdditionalProperty("status", Map.of("phase", "Edited"));
            w.setAdditionalProperty("spec", Map.of("size", 9));
            return w;
        });

        assertThat(status(edited)).containsEntry("phase", "Edited");
        assertThat(spec(edited)).containsEntry("size", 1);
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void normalUpdateIgnoresStatusAndBumpsGenerationOnSpecChange() {
        GenericKubernetesResource created =
                widgets().resource(widget("update-spec", 1, null)).create();
        GenericKubernetesResource withStatus = withStatus(created, "Ready");

        GenericKubernetesResource change = copy(withStatus);
        change.setAdditionalProperty("spec", Map.of("size", 3));
        change.setAdditionalProperty("status", Map.of("phase", "Overwritten"));
        GenericKubernetesResource updated = widgets().resource(change).update();

        assertThat(spec(updated)).containsEntry("size", 3);
        assertThat(status(updated)).containsEntry("phase", "Ready");
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void normalPatchIgnoresStatusAndBumpsGenerationOnSpecChange() {
        GenericKubernetesResource created =
                widgets().resource(widget("patch-spec", 1, null)).create();
        withStatus(created, "Ready");

        GenericKubernetesResource patched = widgets()
                .withName("patch-spec")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\":{\"size\":4},\"status\":{\"phase\":\"Overwritten\"}}");

        assertThat(spec(patched)).containsEntry("size", 4);
        assertThat(status(patched)).containsEntry("phase", "Ready");
        assertThat(patched.getMetadata().getGeneration()).isEqualTo(2L);

        GenericKubernetesResource edited = widgets().withName("patch-spec").edit(w -> {
            w.setAdditionalProperty("spec", Map.of("size", 6));
            return w;
        });
        assertThat(spec(edited)).containsEntry("size", 6);
        assertThat(edited.getMetadata().getGeneration()).isEqualTo(3L);
    }

    @Test
    void metadataAndStatusChangesDoNotBumpGeneration() {
        GenericKubernetesResource created =
                widgets().resource(widget("metadata-only", 1, null)).create();

        GenericKubernetesResource change = copy(created);
        change.getMetadata().setLabels(Map.of("tier", "gold"));
        change.getMetadata().setAnnotations(Map.of("note", "x"));
        change.getMetadata().setFinalizers(List.of("test.kinetic.dev/finalizer"));
        GenericKubernetesResource labelled = widgets().resource(change).update();

        assertThat(labelled.getMetadata().getLabels()).containsEntry("tier", "gold");
        assertThat(labelled.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(labelled.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion());

        GenericKubernetesResource withStatus = withStatus(labelled, "Ready");
        assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(1L);

        // Clean up the finalizer so that the object does not linger.
        GenericKubernetesResource unfinalized = copy(withStatus);
        unfinalized.getMetadata().setFinalizers(List.of());
        widgets().resource(unfinalized).update();
    }

    @Test
    void aWriteThatChangesNothingKeepsTheResourceVersion() {
        GenericKubernetesResource created =
                widgets().resource(widget("no-op", 1, null)).create();

        GenericKubernetesResource updated = widgets().resource(copy(created)).update();

        assertThat(updated.getMetadata().getResourceVersion())
                .isEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void staleResourceVersionIsAConflictForUpdatePatchAndPatchStatus() {
        GenericKubernetesResource created =
                widgets().resource(widget("stale", 1, null)).create();
        GenericKubernetesResource current = withStatus(created, "Ready");
        assertThat(current.getMetadata().getResourceVersion())
                .isNotEqualTo(created.getMetadata().getResourceVersion());

        GenericKubernetesResource staleSpec = copy(created);
        staleSpec.setAdditionalProperty("spec", Map.of("size", 2));
        assertConflict(() -> widgets().resource(staleSpec).update());
        assertConflict(() -> widgets()
                .withName("stale")
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"resourceVersion\":\""
                                + created.getMetadata().getResourceVersion()
                                + "\"},\"spec\":{\"size\":2}}"));

        GenericKubernetesResource staleStatus = copy(created);
        staleStatus.setAdditionalProperty("status", Map.of("phase", "Stale"));
        assertConflict(() -> widgets().resource(staleStatus).patchStatus());

        assertThat(stored("stale")).isEqualTo(current);
    }

    /**
     * Unlike a real API server, which answers 409, the test server accepts a PUT to {@code /status} whatever its
     * {@code resourceVersion}: conflict handling of status writes can only be tested with {@code patchStatus}.
     */
    @Test
    void staleUpdateStatusIsAcceptedUnlikeOnARealApiServer() {
        GenericKubernetesResource created =
                widgets().resource(widget("stale-status-put", 1, null)).create();
        withStatus(created, "Ready");

        GenericKubernetesResource staleStatus = copy(created);
        staleStatus.setAdditionalProperty("status", Map.of("phase", "Stale"));
        GenericKubernetesResource updated = widgets().resource(staleStatus).updateStatus();

        assertThat(status(updated)).containsEntry("phase", "Stale");
        assertThat(status(stored("stale-status-put"))).containsEntry("phase", "Stale");
    }

    @Test
    void withoutResourceVersionTheWriteIsUnconditional() {
        GenericKubernetesResource created =
                widgets().resource(widget("unconditional", 1, null)).create();
        withStatus(created, "Ready");

        GenericKubernetesResource change = copy(created);
        change.getMetadata().setResourceVersion(null);
        change.setAdditionalProperty("spec", Map.of("size", 8));
        GenericKubernetesResource updated = widgets().resource(change).update();

        assertThat(spec(updated)).containsEntry("size", 8);
        assertThat(status(updated)).containsEntry("phase", "Ready");
    }

    @Test
    void deleteWithFinalizersOnlyMarksTheObject() {
        GenericKubernetesResource object = widget("finalized", 1, null);
        object.getMetadata().setFinalizers(List.of("test.kinetic.dev/finalizer"));
        widgets().resource(object).create();

        widgets().withName("finalized").delete();

        GenericKubernetesResource marked = stored("finalized");
        assertThat(marked).isNotNull();
        assertThat(marked.getMetadata().getDeletionTimestamp()).isNotBlank();

        GenericKubernetesResource unfinalized = copy(marked);
        unfinalized.getMetadata().setFinalizers(List.of());
        widgets().resource(unfinalized).update();
        assertThat(stored("finalized")).isNull();
    }

    @Test
    void theSchemaIsNeitherValidatedNorPrunedNorDefaulted() {
        GenericKubernetesResource object = widget("schemaless", 1, null);
        object.setAdditionalProperty("spec", Map.of("size", "not a number", "unknownField", "kept"));

        GenericKubernetesResource created = widgets().resource(object).create();

        assertThat(spec(created))
                .containsEntry("size", "not a number")
                .containsEntry("unknownField", "kept")
                .doesNotContainKey("color");
        GenericKubernetesResource noSize = widget("no-default", 1, null);
        noSize.setAdditionalProperty("spec", Map.of("color", "red"));
        assertThat(spec(widgets().resource(noSize).create())).doesNotContainKey("size");
    }

    @Test
    void withoutTheStatusSubresourceStatusIsAnOrdinaryField() {
        GenericKubernetesResource gadget = new GenericKubernetesResourceBuilder()
                .withApiVersion("test.kinetic.dev/v1")
                .withKind("Gadget")
                .withMetadata(named("plain-status", null))
                .withAdditionalProperties(Map.of("spec", Map.of("size", 1), "status", Map.of("phase", "Set")))
                .build();

        GenericKubernetesResource created = gadgets().resource(gadget).create();
        assertThat(status(created)).containsEntry("phase", "Set");

        GenericKubernetesResource change = copy(created);
        change.setAdditionalProperty("status", Map.of("phase", "Changed"));
        GenericKubernetesResource updated = gadgets().resource(change).update();
        assertThat(status(updated)).containsEntry("phase", "Changed");
        assertThat(updated.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void setBasedLabelSelectorsAreIgnoredButEqualityOnesWork() {
        GenericKubernetesResource gold = widget("selector-gold", 1, null);
        gold.getMetadata().setLabels(Map.of("selector-test", "gold"));
        GenericKubernetesResource silver = widget("selector-silver", 1, null);
        silver.getMetadata().setLabels(Map.of("selector-test", "silver"));
        widgets().resource(gold).create();
        widgets().resource(silver).create();

        assertThat(names(widgets().withLabel("selector-test", "gold").list())).containsExactly("selector-gold");
        assertThat(names(widgets().withLabelIn("selector-test", "gold").list()))
                .as("set-based selector")
                .contains("selector-gold", "selector-silver");
    }

    @Test
    void watchesSeeChanges() {
        List<String> events = new CopyOnWriteArrayList<>();
        try (Watch ignored = widgets().withName("watched").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                events.add(action + ":" + resource.getMetadata().getGeneration());
            }

            @Override
            public void onClose(WatcherException cause) {
                // Closed by the test.
            }
        })) {
            GenericKubernetesResource created =
                    widgets().resource(widget("watched", 1, null)).create();
            GenericKubernetesResource change = copy(created);
            change.setAdditionalProperty("spec", Map.of("size", 2));
            widgets().resource(change).update();
            widgets().withName("watched").delete();

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(events).containsExactly("ADDED:1", "MODIFIED:2", "DELETED:2"));
        }
    }

    @Test
    void informersSeeChanges() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<GenericKubernetesResource> informer = widgets()
                .withLabel("informed", "true")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(GenericKubernetesResource resource) {
                        seen.add("add:" + resource.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                        seen.add("update:" + status(after).get("phase"));
                    }

                    @Override
                    public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
                        seen.add("delete:" + resource.getMetadata().getName());
                    }
                });
        try {
            GenericKubernetesResource object = widget("informed", 1, null);
            object.getMetadata().setLabels(Map.of("informed", "true"));
            GenericKubernetesResource created = widgets().resource(object).create();
            withStatus(created, "Ready");
            widgets().withName("informed").delete();

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen)
                    .containsExactly("add:informed", "update:Ready", "delete:informed"));
        } finally {
            informer.close();
        }
    }

    @Test
    void serverSideApplyAndStrategicMergePatchAreUnsupported() {
        widgets().resource(widget("unsupported-patches", 1, null)).create();

        GenericKubernetesResource applied = widget("unsupported-patches", 2, null);
        assertThatThrownBy(() -> widgets().resource(applied).serverSideApply())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(415));
        assertThatThrownBy(() -> widgets()
                        .withName("unsupported-patches")
                        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"size\":3}}"))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(415));
        assertThat(spec(stored("unsupported-patches"))).containsEntry("size", 1);
    }

    @Test
    void discoveryFindsCustomKindsByApiVersionAndKind() {
        widgets().resource(widget("discovered", 1, null)).create();

        GenericKubernetesResource found = client.genericKubernetesResources("test.kinetic.dev/v1alpha1", "Widget")
                .inNamespace(NAMESPACE)
                .withName("discovered")
                .get();

        assertThat(found).isNotNull();
    }

    private NonNamespaceOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            widgets() {
        return client.genericKubernetesResources(WIDGETS).inNamespace(NAMESPACE);
    }

    private MixedOperation<
                    GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>>
            gadgets() {
        return client.genericKubernetesResources(GADGETS);
    }

    private GenericKubernetesResource stored(String name) {
        return widgets().withName(name).get();
    }

    /** Sets status through {@code /status} and returns the stored object. */
    private GenericKubernetesResource withStatus(GenericKubernetesResource current, String phase) {
        GenericKubernetesResource change = copy(current);
        change.setAdditionalProperty("status", Map.of("phase", phase));
        return widgets().resource(change).updateStatus();
    }

    private static GenericKubernetesResource widget(String name, int size, String phase) {
        GenericKubernetesResourceBuilder builder = new GenericKubernetesResourceBuilder()
                .withApiVersion("test.kinetic.dev/v1alpha1")
                .withKind("Widget")
                .withMetadata(named(name, NAMESPACE))
                .addToAdditionalProperties("spec", Map.of("size", size));
        if (phase != null) {
            builder.addToAdditionalProperties("status", Map.of("phase", phase));
        }
        return builder.build();
    }

    private static ObjectMeta named(String name, String namespace) {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setName(name);
        metadata.setNamespace(namespace);
        return metadata;
    }

    private GenericKubernetesResource copy(GenericKubernetesResource resource) {
        return client.getKubernetesSerialization().clone(resource);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> status(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("status");
    }

    private static List<String> names(GenericKubernetesResourceList list) {
        return list.getItems().stream().map(r -> r.getMetadata().getName()).toList();
    }

    private static void assertConflict(Runnable write) {
        assertThatThrownBy(write::run)
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
                        .isEqualTo(409));
    }
}
