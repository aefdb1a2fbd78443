/** W3C Trace Context and Baggage parsing and formatting for inject/extract. Not API. */
package dev.obskit.core.internal.propagation;
