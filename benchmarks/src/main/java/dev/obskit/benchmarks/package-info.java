/**
 * JMH benchmarks comparing the obskit facade with the SDKs it wraps, called directly. Each
 * benchmark class holds the sides of one comparison; {@code run-quick.sh} runs them all in one
 * JMH run and {@link dev.obskit.benchmarks.report.MarkdownReport} turns the result into a table.
 */
package dev.obskit.benchmarks;
