/** Names of the objects the serving controller creates, as Knative names them. */
package dev.kinetic.serving.controller.names;
