/**
 * Spans: the current-span context, id assignment, the primary trace backend and its mirrors.
 * Not API: may change in any release.
 */
package dev.obskit.core.internal.trace;
