package dev.kinetic.api.autoscaling.v1alpha1;

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

/** The autoscaler's view of one Revision: what to scale and how; its status says the desired and actual scale. */
@Group("autoscaling.internal.knative.dev")
@Version("v1alpha1")
@Kind("PodAutoscaler")
@Plural("podautoscalers")
@Singular("podautoscaler")
@ShortNames({"kpa", "pa"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class PodAutoscaler extends CustomResource<PodAutoscalerSpec, PodAutoscalerStatus> implements Namespaced {}
