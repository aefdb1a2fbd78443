package dev.obskit.benchmarks.support;

import dev.obskit.api.Labels;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/**
 * The same names, labels and values for every side of a pair, so that rows differ only in the
 * library that records them.
 */
public final class Fixtures {
  /** Service name given to every SDK. */
  public static final String SERVICE = "obskit-bench";
  /** Instrumentation scope / meter / tracer name of the raw sides. */
  public static final String SCOPE = "dev.obskit.benchmarks";

  /** The counter every counter benchmark adds to. */
  public static final String COUNTER = "bench.requests";
  /** The histogram every histogram benchmark records into. */
  public static final String HISTOGRAM = "bench.latency";
  /** The span name of every span benchmark. */
  public static final String SPAN = "bench.span";

  /** Two labels, as a user keeps them in a constant. */
  public static final Labels LABELS = Labels.of("type", "math", "tier", "gold");
  /** The OpenTelemetry twin of {@link #LABELS}. */
  public static final AttributeKey<String> TYPE = AttributeKey.stringKey("type");
  /** Second label key. */
  public static final AttributeKey<String> TIER = AttributeKey.stringKey("tier");
  /** Prebuilt attributes equal to {@link #LABELS}. */
  public static final Attributes ATTRIBUTES = Attributes.of(TYPE, "math", TIER, "gold");
  /** The Micrometer twin of {@link #LABELS}. */
  public static final Tags TAGS = Tags.of("type", "math", "tier", "gold");

  /** Span attribute keys and values (one string, one long) for the span benchmarks. */
  public static final String ATTR_STRING = "difficulty";
  /** Long span attribute key. */
  public static final String ATTR_LONG = "attempt";
  /** OpenTelemetry twin of {@link #ATTR_STRING}. */
  public static final AttributeKey<String> OTEL_ATTR_STRING = AttributeKey.stringKey(ATTR_STRING);
  /** OpenTelemetry twin of {@link #ATTR_LONG}. */
  public static final AttributeKey<Long> OTEL_ATTR_LONG = AttributeKey.longKey(ATTR_LONG);

  private Fixtures() {}
}
