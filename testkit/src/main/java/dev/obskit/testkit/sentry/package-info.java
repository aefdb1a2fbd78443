/**
 * A Sentry envelope receiver on 127.0.0.1 for wire-level tests: point a DSN at it, then read the
 * decoded envelopes and items the real Sentry SDK sent.
 */
package dev.obskit.testkit.sentry;
