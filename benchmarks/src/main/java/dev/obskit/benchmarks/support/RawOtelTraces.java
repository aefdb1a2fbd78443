package dev.obskit.benchmarks.support;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The OpenTelemetry tracer used directly, with a counting span processor and no exporter. */
@State(Scope.Benchmark)
public class RawOtelTraces {
  /** The tracer, as an application keeps it in a field. */
  public Tracer tracer;

  private SdkTracerProvider provider;
  private CountingSpanProcessor counting;

  /** Builds the provider. */
  @Setup(Level.Trial)
  public void setUp() {
    counting = new CountingSpanProcessor();
    SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
        .setResource(resource())
        .addSpanProcessor(counting);
    customize(builder);
    provider = builder.build();
    tracer = provider.get(Fixtures.SCOPE);
  }

  /** Lets a subclass add processors (the Sentry mirror). */
  protected void customize(SdkTracerProviderBuilder builder) {}

  /** Fails the run if no span ended, then shuts the provider down. */
  @TearDown(Level.Trial)
  public void tearDown() {
    long ended = counting.ended();
    provider.close();
    afterClose();
    if (ended == 0) {
      throw new IllegalStateException("raw OpenTelemetry ended no span: the benchmark measured nothing");
    }
  }

  /** Lets a subclass release what it added. */
  protected void afterClose() {}

  static Resource resource() {
    return Resource.getDefault().merge(Resource.create(
        Attributes.of(AttributeKey.stringKey("service.name"), Fixtures.SERVICE)));
  }
}
