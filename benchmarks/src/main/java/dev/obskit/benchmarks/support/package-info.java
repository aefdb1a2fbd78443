/**
 * JMH states and fixtures: the facade and each raw SDK set up the same way (same names, labels,
 * sampling; exporters that never export during a run; Sentry sending to a local stand-in server).
 */
package dev.obskit.benchmarks.support;
