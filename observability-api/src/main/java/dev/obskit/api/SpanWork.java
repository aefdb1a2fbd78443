package dev.obskit.api;

/**
 * Work run inside a span by {@link Observability#inSpan(String, SpanWork)}; may throw a checked
 * exception, which propagates unchanged.
 *
 * @param <T> the result type
 * @param <E> the exception type the work may throw
 */
@FunctionalInterface
public interface SpanWork<T, E extends Throwable> {
  /** Runs the work. */
  T run() throws E;
}
