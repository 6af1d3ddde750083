/** Configuration → Revision: the pure builders and the reconciler. */
package dev.kinetic.serving.controller.configuration;
