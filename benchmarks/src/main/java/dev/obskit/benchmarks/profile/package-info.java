/** JMH profilers of our own: CPU time per operation, robust on a shared, loaded machine. */
package dev.obskit.benchmarks.profile;
