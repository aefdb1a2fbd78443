/**
 * Turns JMH results into the tables of {@code docs/performance.md}: {@link
 * dev.obskit.benchmarks.report.MarkdownReport} renders one JMH run (the quick profile), and {@link
 * dev.obskit.benchmarks.report.TargetRounds} runs the target pairs in interleaved rounds and
 * judges each by its median ratio.
 */
package dev.obskit.benchmarks.report;
