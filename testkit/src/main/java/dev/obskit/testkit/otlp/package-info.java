/**
 * Wire-level OTLP test receivers: decode what an exporter really sends (protobuf over HTTP) with
 * the official {@code opentelemetry-proto} classes, so that tests assert on names, kinds, values,
 * resource attributes and span trees as a Collector would see them.
 */
package dev.obskit.testkit.otlp;
