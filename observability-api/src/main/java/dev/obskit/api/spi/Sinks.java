package dev.obskit.api.spi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The sinks a backend offers, at most one per signal: what a backend puts here is what it takes.
 * Routing a signal to a backend that has no sink for it is a configuration error, reported at
 * start-up with the signals the backend does take.
 *
 * <pre>{@code
 * public Sinks sinks() {
 *   return Sinks.builder().errors(errorSink).traces(spanSink).build();
 * }
 * }</pre>
 */
public final class Sinks {
  private static final Sinks NONE = new Builder().build();

  private final ErrorSink errors;
  private final MetricSink metrics;
  private final SpanSink traces;
  private final EventSink events;
  private final LogSink logs;
  private final Set<Signal> signals;

  private Sinks(Builder b) {
    this.errors = b.errors;
    this.metrics = b.metrics;
    this.traces = b.traces;
    this.events = b.events;
    this.logs = b.logs;
    this.signals = Collections.unmodifiableSet(b.signals.clone());
  }

  /** A builder; each signal's sink is set at most once. */
  public static Builder builder() {
    return new Builder();
  }

  /** No sink at all: a backend that takes no signal. */
  public static Sinks none() {
    return NONE;
  }

  /** The signals these sinks take. */
  public Set<Signal> signals() {
    return signals;
  }

  /** Whether there is a sink for {@code signal}. */
  public boolean takes(Signal signal) {
    return signals.contains(signal);
  }

  /** The error sink, if the backend takes errors. */
  public Optional<ErrorSink> errors() {
    return Optional.ofNullable(errors);
  }

  /** The metric sink, if the backend takes metrics. */
  public Optional<MetricSink> metrics() {
    return Optional.ofNullable(metrics);
  }

  /** The span sink, if the backend takes traces. */
  public Optional<SpanSink> traces() {
    return Optional.ofNullable(traces);
  }

  /** The event sink, if the backend takes events. */
  public Optional<EventSink> events() {
    return Optional.ofNullable(events);
  }

  /** The log sink, if the backend takes logs. */
  public Optional<LogSink> logs() {
    return Optional.ofNullable(logs);
  }

  @Override
  public String toString() {
    return "Sinks" + signals;
  }

  /** Collects a backend's sinks; a signal left out is one the backend does not take. */
  public static final class Builder {
    private final EnumSet<Signal> signals = EnumSet.noneOf(Signal.class);
    private ErrorSink errors;
    private MetricSink metrics;
    private SpanSink traces;
    private EventSink events;
    private LogSink logs;

    private Builder() {}

    /** The sink for errors. */
    public Builder errors(ErrorSink sink) {
      errors = take(Signal.ERRORS, sink);
      return this;
    }

    /** The sink for metrics. */
    public Builder metrics(MetricSink sink) {
      metrics = take(Signal.METRICS, sink);
      return this;
    }

    /** The sink for traces. */
    public Builder traces(SpanSink sink) {
      traces = take(Signal.TRACES, sink);
      return this;
    }

    /** The sink for events. */
    public Builder events(EventSink sink) {
      events = take(Signal.EVENTS, sink);
      return this;
    }

    /** The sink for logs. */
    public Builder logs(LogSink sink) {
      logs = take(Signal.LOGS, sink);
      return this;
    }

    private <S> S take(Signal signal, S sink) {
      Objects.requireNonNull(sink, () -> signal.configName() + " sink");
      if (!signals.add(signal)) {
        throw new IllegalStateException("the " + signal.configName() + " sink is set already");
      }
      return sink;
    }

    public Sinks build() {
      return new Sinks(this);
    }
  }
}
