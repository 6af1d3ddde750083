/**
 * The sample user container of data-plane and end-to-end tests, {@link dev.kinetic.testsupport.app.SampleApp}: in
 * process (started at once, or after a delay that models a cold start) or as a process of its own through its {@code
 * main}.
 */
package dev.kinetic.testsupport.app;
