package dev.obskit.core.internal;

import dev.obskit.api.spi.Signal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The sinks of one signal in routing order, each call isolated: a sink that throws is counted
 * under {@code sink_failures.<backend>.<signal>} (see {@link SinkFailures}) and skipped, the
 * others still receive the call, and the exception never reaches the application.
 *
 * @param <S> the sink type ({@code ErrorSink}, {@code LogSink}, a span's handles...)
 */
public final class FanOut<S> {
  private final Signal signal;
  private final String[] backends;
  private final Object[] sinks;
  private final SinkFailures failures;

  private FanOut(Signal signal, String[] backends, Object[] sinks, SinkFailures failures) {
    this.signal = signal;
    this.backends = backends;
    this.sinks = sinks;
    this.failures = failures;
  }

  /** A fan-out over {@code sinks} (backend name -> sink, in routing order). */
  public static <S> FanOut<S> of(Signal signal, Map<String, ? extends S> sinks, SinkFailures failures) {
    return new FanOut<>(signal, sinks.keySet().toArray(new String[0]), sinks.values().toArray(), failures);
  }

  /** Whether no backend receives this signal. */
  public boolean isEmpty() {
    return sinks.length == 0;
  }

  /** The number of sinks. */
  public int size() {
    return sinks.length;
  }

  /** The backends' names, in routing order. */
  public List<String> backends() {
    return List.of(backends);
  }

  /** Calls {@code call} on every sink; one that throws is counted and the next still gets the call. */
  @SuppressWarnings("unchecked")
  public void each(Consumer<? super S> call) {
    for (int i = 0; i < sinks.length; i++) {
      try {
        call.accept((S) sinks[i]);
      } catch (Throwable t) {
        failures.failed(backends[i], signal, t);
      }
    }
  }

  /** Whether any sink answers yes; a sink that throws answering is counted and answers no. */
  @SuppressWarnings("unchecked")
  public boolean any(Predicate<? super S> question) {
    boolean any = false;
    for (int i = 0; i < sinks.length; i++) {
      try {
        any |= question.test((S) sinks[i]);
      } catch (Throwable t) {
        failures.failed(backends[i], signal, t);
      }
    }
    return any;
  }

  /**
   * A fan-out over what each sink hands back (an instrument, a span handle), under the same
   * backend names: a sink that throws is counted and left out, one that returns null is left out.
   */
  @SuppressWarnings("unchecked")
  public <R> FanOut<R> map(Function<? super S, ? extends R> create) {
    List<String> names = new ArrayList<>(sinks.length);
    List<Object> created = new ArrayList<>(sinks.length);
    for (int i = 0; i < sinks.length; i++) {
      try {
        R r = create.apply((S) sinks[i]);
        if (r != null) {
          names.add(backends[i]);
          created.add(r);
        }
      } catch (Throwable t) {
        failures.failed(backends[i], signal, t);
      }
    }
    if (created.size() == sinks.length) {
      return new FanOut<>(signal, backends, created.toArray(), failures);
    }
    return new FanOut<>(signal, names.toArray(new String[0]), created.toArray(), failures);
  }

  @Override
  public String toString() {
    return "FanOut{" + signal.configName() + " -> " + Arrays.toString(backends) + '}';
  }
}
