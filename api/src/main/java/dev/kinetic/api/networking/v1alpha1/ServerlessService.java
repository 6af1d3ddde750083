package dev.kinetic.api.networking.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Which endpoints a Revision's public Service points at: the activator (Proxy mode) or the Revision's pods
 * (Serve mode).
 */
@Group("networking.internal.knative.dev")
@Version("v1alpha1")
@Kind("ServerlessService")
@Plural("serverlessservices")
@Singular("serverlessservice")
@ShortNames({"sks"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class ServerlessService extends CustomResource<ServerlessServiceSpec, ServerlessServiceStatus>
        implements Namespaced {}
