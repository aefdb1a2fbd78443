package dev.obskit.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.ErrorEvent;
import dev.obskit.api.InstrumentOptions;
import dev.obskit.api.Labels;
import dev.obskit.api.Level;
import dev.obskit.api.LogLevel;
import dev.obskit.api.MetricType;
import dev.obskit.api.Observability;
import dev.obskit.api.Span;
import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.User;
import dev.obskit.testkit.sentry.SentryTestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Property: whatever sequence of public API calls an application makes, with whatever values
 * (null, empty, huge, non-finite, cyclic, shared, throwing), no call throws, and every error the
 * Sentry backend was handed is delivered or counted.
 */
class PublicApiFuzzTest {
  private static SentryTestServer sentry;
  private static Observability obs;

  private static synchronized Observability obs() {
    if (obs == null) {
      sentry = SentryTestServer.start();
      obs = Sdks.start(sentry.dsn());
    }
    return obs;
  }

  @AfterContainer
  static void stop() {
    if (obs != null) {
      obs.close(Duration.ofSeconds(5));
      assertThat(obs.selfMetrics().get("sentry.errors.attempted"))
          .isEqualTo(obs.selfMetrics().get("sentry.errors.delivered") + Sdks.sum(obs.selfMetrics(), "sentry.errors.dropped."));
      sentry.close();
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
        Arbitraries.of("", " ", "a b", "caf\u00e9", "1x", "-", "ok.name", "x".repeat(300), "password", "a\u0000b"),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<Object> values() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
            .withSpecialValue(Double.NEGATIVE_INFINITY).map(d -> (Object) d),
        Arbitraries.floats().withSpecialValue(Float.NaN).map(f -> (Object) f),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.strings().ofMaxLength(5000).map(s -> (Object) s),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.create(() -> new Sample("{a: m, b: m}", Hostile.selfDag())),
        Arbitraries.create(() -> new Sample("{list: [<the map>]}", Hostile.cycleThroughList())),
        Arbitraries.create(() -> new Sample("[{list: <the list>}]", Hostile.cyclicList())),
        Arbitraries.create(() -> new Sample("value whose toString throws", Hostile.throwingToString())),
        Arbitraries.create(() -> (Object) new Object[] {1, Double.NaN, null}),
        Arbitraries.just(null));
  }

  @Provide
  Arbitrary<Sample> maps() {
    Arbitrary<Sample> plain = Arbitraries.maps(names().filter(n -> n != null), values().filter(v -> v != null))
        .ofMaxSize(6).map(m -> {
          Map<String, Object> values = new HashMap<>();
          m.forEach((k, v) -> values.put(k, unwrap(v)));
          return new Sample("a map of " + m, values);
        });
    return Arbitraries.oneOf(plain,
        Arbitraries.create(() -> new Sample("{a: m, b: m}", Hostile.selfDag())),
        Arbitraries.create(() -> new Sample("{list: [<the map>]}", Hostile.cycleThroughList())),
        Arbitraries.create(() -> new Sample("a map that throws AssertionError", Hostile.throwing(new AssertionError("map")))),
        Arbitraries.create(() -> new Sample("a map that throws LinkageError", Hostile.throwing(new NotAVirtualMachineError()))),
        Arbitraries.just(new Sample("null", null)));
  }

  /** A value the report must not print (its toString throws). */
  static final class Sample {
    private final String label;
    private final Object value;

    Sample(String label, Object value) {
      this.label = label;
      this.value = value;
    }

    Object value() {
      return value;
    }

    @Override
    public String toString() {
      return label;
    }
  }

  private static Object unwrap(Object v) {
    return v instanceof Sample ? ((Sample) v).value() : v;
  }

  /** An Error that is not a VirtualMachineError, so the SDK must contain it. */
  static final class NotAVirtualMachineError extends LinkageError {
  }

  @Provide
  Arbitrary<List<Integer>> actions() {
    return Arbitraries.integers().between(0, 24).list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 150)
  void noSequenceOfCallsThrows(@ForAll("actions") List<Integer> actions, @ForAll("names") String name,
      @ForAll("values") Object sample, @ForAll("maps") Sample mapSample) {
    Observability o = obs();
    Object value = unwrap(sample);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) mapSample.value();
    List<Span> open = new ArrayList<>();
    for (int action : actions) {
      double d = value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
      String text = value == null ? null : safeText(value);
      try {
        act(o, open, action, actions, name, value, map, d, text);
      } catch (Throwable t) {
        throw new AssertionError("action " + action + " threw into the application", t);
      }
    }
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private static void act(Observability o, List<Span> open, int action, List<Integer> actions, String name,
      Object value, Map<String, Object> map, double d, String text) {
      switch (action) {
        case 0: o.captureError(new IllegalStateException(text), map, Level.WARNING); break;
        case 1: o.captureError(ErrorEvent.builder(new RuntimeException(name)).context(name == null ? "k" : name, value)
            .namedContext("n", map == null ? Map.of() : safeCopy(map)).tag("t", text).build()); break;
        case 2: o.captureMessage(text, null); break;
        case 3: o.setContext(name, map); break;
        case 4: o.setTag(name, text); break;
        case 5: o.setUser(name == null ? null : User.id(name)); break;
        case 6: o.recordEvent(name, map); break;
        case 7: o.recordMetric(name, d, Labels.empty(), MetricType.values()[Math.abs(actions.size()) % 4]); break;
        case 8: o.counter(name).add(d); break;
        case 9: o.histogram(name, InstrumentOptions.defaults()).record(d, Labels.of("k", "v")); break;
        case 10: o.gauge(name).set(d); break;
        case 11: open.add(o.startSpan(name)); break;
        case 12: open.add(o.spanBuilder(name).kind(SpanKind.SERVER).parent(SpanContext.invalid())
            .attribute(name, d).startDetached()); break;
        case 13: o.currentSpan().addEvent(name, map); break;
        case 14: o.currentSpan().setAttribute(name, text).setAttribute(name, d).setStatus(SpanStatus.ERROR, text); break;
        case 15: o.currentSpan().recordException(new IllegalStateException(text)); break;
        case 16: o.inSpan(name, () -> o.recordEvent(name, map)); break;
        case 17: o.inject(new HashMap<String, String>(), Map::put); break;
        case 18: o.extract(Map.of("traceparent", text == null ? "" : text), Map::get); break;
        case 19: o.withBaggage(map == null ? null : Map.of("k", String.valueOf(text))).close(); break;
        case 20: o.wrap(() -> o.recordEvent(name, map)).run(); break;
        case 21: o.recordMetric(name, d, map == null ? null : Map.of("k", String.valueOf(text)), MetricType.COUNTER); break;
        case 22: o.log(LogLevel.values()[actions.size() % LogLevel.values().length], text, map); break;
        case 23: try (dev.obskit.api.Scope scope = o.isolate()) {
            o.setTag(name, text);
            o.captureError(new IllegalStateException(text), map);
          }
          break;
        default:
          if (!open.isEmpty()) {
            open.remove(open.size() - 1).close();
          }
      }
  }

  private static String safeText(Object value) {
    try {
      return value instanceof Object[] ? Arrays.toString((Object[]) value) : String.valueOf(value);
    } catch (Throwable t) {
      return "unprintable";
    } 
  }

  private static Map<String, Object> safeCopy(Map<String, Object> map) {
    try {
      return new HashMap<>(map);
    } catch (Throwable t) {
      return Map.of();
    }
  }
}
