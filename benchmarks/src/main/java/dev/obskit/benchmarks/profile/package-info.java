/** JMH profilers of our own: what the benchmark threads spend per operation (CPU time, allocation),
 * robust on a shared, loaded machine. */
package dev.obskit.benchmarks.profile;
