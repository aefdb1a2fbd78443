/** Error capture: scope (user, tags, contexts), scrubbing and fan-out to error sinks. Not API. */
package dev.obskit.core.internal.errors;
