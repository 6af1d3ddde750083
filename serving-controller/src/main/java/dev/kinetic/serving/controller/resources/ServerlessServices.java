package dev.kinetic.serving.controller.resources;

import dev.kinetic.api.networking.v1alpha1.ServerlessService;
import dev.kinetic.api.networking.v1alpha1.ServerlessServiceSpec;
import dev.kinetic.api.serving.v1.Revision;
import java.util.Map;

/** The ServerlessService deciding whether a Revision's public Service points at the activator or its pods. */
public final class ServerlessServices {
    private ServerlessServices() {}

    /**
     * {@code <revision>}: in {@code mode} ({@code Serve} or {@code Proxy}), for the revision's Deployment and
     * protocol, with every activator in the path (numActivators unset).
     */
    public static ServerlessService makeServerlessService(Revision rev, String mode) {
        ServerlessService sks = new ServerlessService();
        sks.setMetadata(RevisionMeta.childMeta(rev, rev.getMetadata().getName(), Map.of()));
        sks.setSpec(new ServerlessServiceSpec()
                .setMode(mode)
                .setObjectRef(PodAutoscalers.scaleTargetRef(rev))
                .setProtocolType(Ports.protocolType(rev)));
        return sks;
    }
}
