package dev.kinetic.serving.controller.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.function.UnaryOperator;
import org.jboss.logging.Logger;

/**
 * The client side of {@link CaBundles}: reads the webhook configurations the chart ships, and writes them back with
 * the CA bundle, retrying when someone else updated them in between. A missing configuration is only logged: the
 * controller also runs where the webhook is not installed. Blocking: call it from a worker or at startup.
 */
public final class CaBundlePatcher {
    private static final Logger LOG = Logger.getLogger(CaBundlePatcher.class);
    static final int ATTEMPTS = 5;

    private final KubernetesClient client;

    public CaBundlePatcher(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Sets {@code caBundle} on both configurations.
     *
     * @return how many of the two exist and now carry the bundle
     */
    public int patch(String mutatingName, String validatingName, String caBundle) {
        int patched = 0;
        if (patch(MutatingWebhookConfiguration.class, mutatingName, c -> CaBundles.withCaBundle(c, caBundle))) {
            patched++;
        }
        if (patch(ValidatingWebhookConfiguration.class, validatingName, c -> CaBundles.withCaBundle(c, caBundle))) {
            patched++;
        }
        return patched;
    }

    private <T extends HasMetadata> boolean patch(Class<T> type, String name, UnaryOperator<T> withBundle) {
        for (int attempt = 1; ; attempt++) {
            T current = client.resources(type).withName(name).get();
            if (current == null) {
                LOG.infof("%s %s not found: not patching its CA bundle", type.getSimpleName(), name);
                return false;
            }
            T desired = withBundle.apply(current);
            if (desired.equals(current)) {
                return true;
            }
            try {
                client.resource(desired).update();
                LOG.infof("patched the CA bundle of %s %s", type.getSimpleName(), name);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
                LOG.debugf("conflict patching %s %s, retrying", type.getSimpleName(), name);
            }
        }
    }
}
