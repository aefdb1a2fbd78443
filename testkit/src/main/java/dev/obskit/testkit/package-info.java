/**
 * Testing telemetry: the in-memory backend ({@code memory}), {@link
 * dev.obskit.testkit.TestTelemetry} with AssertJ assertions across signals, the JUnit 5 {@link
 * dev.obskit.testkit.ObservabilityExtension}, and {@link dev.obskit.testkit.BackendCompatibilityKit}
 * that every backend's tests extend. Stable API for tests.
 */
package dev.obskit.testkit;
