/** Implementation of the OpenTelemetry backend. Not API: may change in any release. */
package dev.obskit.backend.otel.internal;
