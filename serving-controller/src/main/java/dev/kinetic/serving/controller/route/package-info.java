/** Route → ingress: traffic resolution, revision routing state, HTTPRoutes or VirtualServices, and status. */
package dev.kinetic.serving.controller.route;
