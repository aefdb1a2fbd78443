/**
 * The SDK behind the facade: input guards, routing of each signal to its backends, lifecycle and
 * self-metrics. Not API: may change in any release.
 */
package dev.obskit.core.internal;
