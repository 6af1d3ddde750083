/** Revision → its Deployment, Services, PodAutoscaler and ServerlessService, and its status from them. */
package dev.kinetic.serving.controller.revision;
