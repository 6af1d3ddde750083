/** Service → Configuration + Route: the pure builders and the reconciler. */
package dev.kinetic.serving.controller.service;
