/** Implementation of the console backend. Not API: may change in any release. */
package dev.obskit.backend.console.internal;
