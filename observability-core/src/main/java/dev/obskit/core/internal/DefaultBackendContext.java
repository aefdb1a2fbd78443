package dev.obskit.core.internal;

import dev.obskit.api.SelfMetrics;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.BackendConfig;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.Scrubber;
import dev.obskit.api.spi.Signal;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/** The context a backend is created with. */
public final class DefaultBackendContext implements BackendContext {
  private final String name;
  private final SdkSettings settings;
  private final BackendConfig config;
  private final Set<Signal> signals;
  private final boolean primary;
  private final SelfMetrics selfMetrics;
  private final DefaultScrubber scrubber;
  private final Supplier<SpanContext> currentSpan;
  private final RateLimitedLogger warnings;

  public DefaultBackendContext(String name, SdkSettings settings, BackendConfig config, Set<Signal> signals,
      boolean primary, SelfMetrics selfMetrics, DefaultScrubber scrubber, Supplier<SpanContext> currentSpan) {
    this.name = name;
    this.settings = settings;
    this.config = config;
    this.signals = Collections.unmodifiableSet(signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals));
    this.primary = primary;
    this.scrubber = scrubber;
    this.currentSpan = currentSpan;
    this.warnings = new RateLimitedLogger(logger(), settings.limits().warningInterval());
    this.selfMetrics = new BackendDropWarnings(selfMetrics, warnings, name);
  }

  @Override
  public void warnRateLimited(String key, Supplier<String> message) {
    warnings.warn(key, message);
  }

  @Override
  public String serviceName() {
    return settings.serviceName();
  }

  @Override
  public String serviceVersion() {
    return settings.serviceVersion();
  }

  @Override
  public String environment() {
    return settings.environment();
  }

  @Override
  public BackendConfig config() {
    return config;
  }

  @Override
  public Set<Signal> signals() {
    return signals;
  }

  @Override
  public boolean isPrimaryTraceBackend() {
    return primary;
  }

  @Override
  public SelfMetrics selfMetrics() {
    return selfMetrics;
  }

  @Override
  public System.Logger logger() {
    return System.getLogger("dev.obskit." + name);
  }

  @Override
  public Scrubber scrubber() {
    return scrubber;
  }

  @Override
  public Scrubber scrubber(Collection<String> extraKeys) {
    return scrubber.withKeys(extraKeys);
  }

  @Override
  public SpanContext currentSpanContext() {
    try {
      SpanContext c = currentSpan.get();
      return c == null ? SpanContext.invalid() : c;
    } catch (Throwable e) {
      Fatal.rethrowIfFatal(e);
      return SpanContext.invalid();
    }
  }
}
