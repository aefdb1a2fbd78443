/** Implementation of the memory backend behind the testkit. Not API: may change in any release. */
package dev.obskit.testkit.internal;
