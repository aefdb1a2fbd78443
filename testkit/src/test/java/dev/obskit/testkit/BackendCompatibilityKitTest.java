package dev.obskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.obskit.api.Labels;
import dev.obskit.api.Registration;
import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.api.spi.InstrumentDescriptor;
import dev.obskit.api.spi.MetricInstrument;
import dev.obskit.api.spi.MetricSink;
import dev.obskit.api.spi.Signal;
import dev.obskit.api.spi.Sinks;
import dev.obskit.api.spi.SpanSink;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The kit is not a rubber stamp: a backend that breaks the contract fails the right tests. */
class BackendCompatibilityKitTest {

  @Test
  void aBrokenBackendFailsTheContractItBreaks() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(BrokenBackendKit.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();

    List<String> failed = summary.getFailures().stream()
        .map(f -> f.getTestIdentifier().getDisplayName()).toList();
    assertThat(failed).contains(
        "asMirrorKeepsTheAssignedIds()",          // ignores the primary's ids
        "metricSinkAcceptsOddButValidRecordings()", // throws on empty labels
        "closeReturnsWithinItsDeadlineAndTwiceIsHarmless()", // second close throws
        "isDiscoverableThroughServiceLoader()");  // not registered
    assertThat(failed).doesNotContain("asPrimaryAssignsValidW3cIdsAndChildrenShareTheTraceId()",
        "eventSinkAcceptsOddButValidEvents()", "flushReturnsTrueWhenIdle()");
  }

  /** Runs only through the launcher above (surefire skips nested classes). */
  static class BrokenBackendKit extends BackendCompatibilityKit {
    @Override
    protected BackendProvider provider() {
      return new BrokenProvider();
    }

    @Override
    protected Set<Signal> supportedSignals() {
      return EnumSet.allOf(Signal.class);
    }

    @Override
    protected int recordingsPerThread() {
      return 100;
    }
  }

  /** Memory backend with three contract violations. */
  static final class BrokenProvider implements BackendProvider {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public Backend create(BackendContext context) {
      Backend memory = new MemoryBackendProvider("broken", new TestTelemetry()).create(context);
      return new Backend() {
        private boolean closed;

        @Override
        public String name() {
          return "broken";
        }

        @Override
        public Sinks sinks() {
          Sinks real = memory.sinks();
          MetricSink metrics = new MetricSink() {
            @Override
            public MetricInstrument instrument(InstrumentDescriptor descriptor) {
              MetricInstrument instrument = real.metrics().orElseThrow().instrument(descriptor);
              return (value, labels) -> {
                if (labels.isEmpty()) {
                  throw new IllegalArgumentException("no labels");
                }
                instrument.record(value, labels);
              };
            }

            @Override
            public Registration callbackGauge(InstrumentDescriptor descriptor, Labels labels, DoubleSupplier callback) {
              return real.metrics().orElseThrow().callbackGauge(descriptor, labels, callback);
            }
          };
          // Always assigns fresh ids, even as a mirror.
          SpanSink spans = start -> real.traces().orElseThrow().start(start.toBuilder()
              .assignedContext(dev.obskit.api.SpanContext.invalid()).build());
          return Sinks.builder().errors(real.errors().orElseThrow()).metrics(metrics).traces(spans)
              .events(real.events().orElseThrow()).logs(real.logs().orElseThrow()).build();
        }

        @Override
        public boolean flush(Duration timeout) {
          return memory.flush(timeout);
        }

        @Override
        public boolean close(Duration timeout) {
          if (closed) {
            throw new IllegalStateException("closed twice");
          }
          closed = true;
          return memory.close(timeout);
        }
      };
    }
  }
}
