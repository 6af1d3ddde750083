/**
 * A Gateway API data plane and controller for tests, {@link dev.kinetic.testsupport.gateway.TestGateway}: routes
 * requests by the HTTPRoutes on the Kubernetes test server to the ready endpoints of their backend Services (as the
 * fake kubelet or the autoscaler write them) and marks the routes accepted. The matching, backend resolution, header
 * filters and route status are pure and tested apart.
 */
package dev.kinetic.testsupport.gateway;
