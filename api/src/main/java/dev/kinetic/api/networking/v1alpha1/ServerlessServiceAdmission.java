package dev.kinetic.api.networking.v1alpha1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.apis.Errors;
import dev.kinetic.api.apis.FieldError;
import java.util.Set;

/** Defaults (http1 protocol) and validation (mode, object reference, protocol, activator count) of an SKS. */
public final class ServerlessServiceAdmission implements Admission<ServerlessService> {
    public static final ServerlessServiceAdmission INSTANCE = new ServerlessServiceAdmission();

    private ServerlessServiceAdmission() {}

    @Override
    public void setDefaults(ServerlessService sks, ApiConfig config) {
        if (sks.getSpec() != null && sks.getSpec().getProtocolType() == null) {
            sks.getSpec().setProtocolType("http1");
        }
    }

    @Override
    public Errors validate(ServerlessService sks, ApiConfig config) {
        Errors errors = Errors.none();
        ServerlessServiceSpec spec = sks.getSpec();
        if (spec == null) {
            return errors.add(FieldError.missing("spec"));
        }
        if (spec.getMode() == null) {
            errors.add(FieldError.missing("spec.mode"));
        } else if (!Set.of(ServerlessServiceSpec.MODE_SERVE, ServerlessServiceSpec.MODE_PROXY)
                .contains(spec.getMode())) {
            errors.add(FieldError.invalid(spec.getMode(), "spec.mode", "expected Serve or Proxy"));
        }
        if (spec.getObjectRef() == null || spec.getObjectRef().getName() == null) {
            errors.add(FieldError.missing("spec.objectRef.name"));
        }
        if (spec.getProtocolType() != null && !Set.of("http1", "h2c").contains(spec.getProtocolType())) {
            errors.add(FieldError.invalid(spec.getProtocolType(), "spec.protocolType"));
        }
        if (spec.getNumActivators() != null && spec.getNumActivators() < 0) {
            errors.add(FieldError.outOfBounds(spec.getNumActivators(), 0, Integer.MAX_VALUE, "spec.numActivators"));
        }
        return errors;
    }
}
