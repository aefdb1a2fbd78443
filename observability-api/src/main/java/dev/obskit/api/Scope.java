package dev.obskit.api;

/**
 * Restores the previous current span, baggage and request scope ({@link Observability#isolate()})
 * when closed. Close it on the thread that opened it, in reverse order of opening; use
 * try-with-resources.
 */
@FunctionalInterface
public interface Scope extends AutoCloseable {
  /** Restores what was current before this scope opened. Never throws. */
  @Override
  void close();

  /** A scope that restores nothing. */
  static Scope noop() {
    return NoopScope.INSTANCE;
  }
}

/** The shared no-op scope. */
final class NoopScope implements Scope {
  static final NoopScope INSTANCE = new NoopScope();

  private NoopScope() {}

  @Override
  public void close() {}
}
