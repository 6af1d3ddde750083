package dev.kinetic.api.serving.v1;

import dev.kinetic.api.Admission;
import dev.kinetic.api.ApiConfig;
import dev.kinetic.api.apis.Errors;

/** The admission (defaulting + validation) of each serving kind, as the webhook and the model registry use it. */
public final class ServingAdmission {
    private ServingAdmission() {}

    public static final Admission<Service> SERVICE = new Admission<>() {
        @Override
        public void setDefaults(Service resource, ApiConfig config) {
            ServingDefaults.setDefaults(resource, config.serving());
        }

        @Override
        public Errors validate(Service resource, ApiConfig config) {
            return ServingValidation.validate(resource, config.serving());
        }

        @Override
        public Errors validateUpdate(Service previous, Service updated, ApiConfig config) {
            return ServingValidation.validateUpdate(previous, updated, config.serving());
        }
    };

    public static final Admission<Configuration> CONFIGURATION = new Admission<>() {
        @Override
        public void setDefaults(Configuration resource, ApiConfig config) {
            ServingDefaults.setDefaults(resource, config.serving());
        }

        @Override
        public Errors validate(Configuration resource, ApiConfig config) {
            return ServingValidation.validate(resource, config.serving());
        }

        @Override
        public Errors validateUpdate(Configuration previous, Configuration updated, ApiConfig config) {
            return ServingValidation.validateUpdate(previous, updated, config.serving());
        }
    };

    public static final Admission<Revision> REVISION = new Admission<>() {
        @Override
        public void setDefaults(Revision resource, ApiConfig config) {
            ServingDefaults.setDefaults(resource, config.serving());
        }

        @Override
        public Errors validate(Revision resource, ApiConfig config) {
            return ServingValidation.validate(resource, config.serving());
        }

        @Override
        public Errors validateUpdate(Revision previous, Revision updated, ApiConfig config) {
            return ServingValidation.validateUpdate(previous, updated, config.serving());
        }
    };

    public static final Admission<Route> ROUTE = new Admission<>() {
        @Override
        public void setDefaults(Route resource, ApiConfig config) {
            ServingDefaults.setDefaults(resource, config.serving());
        }

        @Override
        public Errors validate(Route resource, ApiConfig config) {
            return ServingValidation.validate(resource, config.serving());
        }
    };
}
