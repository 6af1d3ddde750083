/**
 * CloudEvents arriving over HTTP: {@link dev.kinetic.eventing.core.http.IncomingEvents} turns a request's headers
 * and body into a {@link dev.kinetic.eventing.core.http.ParsedEvent}, either the event or the status and message to
 * answer with. The CloudEvents SDK decodes; this package adds the checks of the HTTP binding the SDK leaves out
 * (percent-encoded header values, batch and unknown formats, empty or malformed attributes, extension names).
 */
package dev.kinetic.eventing.core.http;
