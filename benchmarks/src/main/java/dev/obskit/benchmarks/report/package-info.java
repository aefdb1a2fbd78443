/** Turns a JMH JSON result into the markdown table of {@code docs/performance.md}. */
package dev.obskit.benchmarks.report;
