package dev.obskit.testkit;

import dev.obskit.api.spi.Backend;
import dev.obskit.api.spi.BackendContext;
import dev.obskit.api.spi.BackendProvider;
import dev.obskit.testkit.internal.MemoryBackend;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code memory} backend: keeps every error, metric point, span, event and log record in memory so that
 * tests can assert on them through a {@link TestTelemetry}. It takes every signal.
 *
 * <pre>{@code
 * TestTelemetry telemetry = new TestTelemetry();
 * Observability obs = ObservabilitySdk.builder()
 *     .provider(new MemoryBackendProvider(telemetry))
 *     .route(Signal.ERRORS, "memory").route(Signal.METRICS, "memory")
 *     .route(Signal.TRACES, "memory").route(Signal.EVENTS, "memory").route(Signal.LOGS, "memory")
 *     .build();
 * }</pre>
 *
 * <p>As primary trace backend it generates W3C ids (a child keeps its parent's trace id); as a
 * mirror it keeps the ids the primary assigned. Its configuration section ({@code memory:})
 * has no keys besides the core's {@code enabled}. Registered for {@link java.util.ServiceLoader}
 * so that {@code routing: memory} resolves without code; the telemetry of such a discovered
 * instance is reachable through {@link #lastCreatedTelemetry()}.
 */
public final class MemoryBackendProvider implements BackendProvider {
  /** The default backend name. */
  public static final String NAME = "memory";

  private static final AtomicReference<TestTelemetry> LAST_CREATED = new AtomicReference<>();

  private final String name;
  private final TestTelemetry telemetry;

  /** A provider named {@code memory} with its own {@link TestTelemetry} (used by ServiceLoader). */
  public MemoryBackendProvider() {
    this(NAME, new TestTelemetry());
  }

  /** A provider named {@code memory} recording into {@code telemetry}. */
  public MemoryBackendProvider(TestTelemetry telemetry) {
    this(NAME, telemetry);
  }

  /**
   * A provider with another name, for tests that need two memory backends (for example a primary
   * and a mirror trace backend, each with its own telemetry).
   */
  public MemoryBackendProvider(String name, TestTelemetry telemetry) {
    this.name = Objects.requireNonNull(name, "name");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
  }

  /** The telemetry this provider's backends record into. */
  public TestTelemetry telemetry() {
    return telemetry;
  }

  /**
   * The telemetry of the memory backend created last in this JVM, by any provider instance, or
   * null. Meant for tests that configure routing through a file and cannot pass a provider; tests
   * that run in parallel should pass their own provider instead.
   */
  public static TestTelemetry lastCreatedTelemetry() {
    return LAST_CREATED.get();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Backend create(BackendContext context) {
    MemoryBackend backend = new MemoryBackend(name, telemetry.store(), context);
    LAST_CREATED.set(telemetry);
    return backend;
  }

  @Override
  public String toString() {
    return "MemoryBackendProvider{" + name + '}';
  }
}
