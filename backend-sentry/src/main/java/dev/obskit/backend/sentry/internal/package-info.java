/** Implementation of the Sentry backend. Not API: may change in any release. */
package dev.obskit.backend.sentry.internal;
