/** The serving control plane: reconcilers, pure resource builders, config, and the admission webhook. */
package dev.kinetic.serving.controller;
