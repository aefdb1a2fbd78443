/**
 * A small question-generation pipeline instrumented through the facade only, run by the README's
 * demo command. Example code, not a library.
 */
package dev.obskit.examples;
