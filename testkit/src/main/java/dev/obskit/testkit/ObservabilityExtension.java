package dev.obskit.testkit;

import dev.obskit.api.GlobalObservability;
import dev.obskit.api.Observability;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ObservabilitySdk;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every test a fresh, isolated {@link Observability} whose four signals go to the {@code
 * memory} backend, and the {@link TestTelemetry} to read them back. Both are injectable as test
 * method (or constructor) parameters; the instance is closed after each test. No configuration
 * file and no environment variables are read, and {@link GlobalObservability} is left alone
 * unless {@link Builder#registerGlobal()} asks for it.
 *
 * <pre>{@code
 * @ExtendWith(ObservabilityExtension.class)
 * class QuestionServiceTest {
 *   @Test
 *   void countsGeneratedQuestions(Observability obs, TestTelemetry telemetry) {
 *     new QuestionService(obs).generate("math");
 *     assertThat(telemetry).hasCounter("questions.generated").withLabels("type", "math").withTotal(1);
 *   }
 * }
 *
 * // or, with options:
 * @RegisterExtension
 * static final ObservabilityExtension OBS = ObservabilityExtension.builder()
 *     .serviceName("question-service")
 *     .configure(sdk -> sdk.set("limits.max_cardinality", 50))
 *     .registerGlobal()
 *     .build();
 * }</pre>
 *
 * <p>Constructor injection needs the default per-method test instance lifecycle: with {@code
 * PER_CLASS} one instance would outlive the per-test telemetry.
 */
public final class ObservabilityExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ObservabilityExtension.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String serviceName;
  private final Consumer<ObservabilitySdk.Builder> customizer;
  private final boolean registerGlobal;

  /** Default options: service {@code test-service}, every signal to memory, no global. */
  public ObservabilityExtension() {
    this(builder());
  }

  private ObservabilityExtension(Builder b) {
    this.serviceName = b.serviceName;
    this.customizer = b.customizer;
    this.registerGlobal = b.registerGlobal;
  }

  /** Options for {@code @RegisterExtension}. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    state(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    State state = context.getStore(NAMESPACE).remove(this, State.class);
    if (state != null) {
      state.close();
    }
  }

  @Override
  public ExtensionContextScope getTestInstantiationExtensionContextScope(ExtensionContext rootContext) {
    // Constructor parameters then resolve in the test method's context, so they are per test.
    return ExtensionContextScope.TEST_METHOD;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == Observability.class || type == TestTelemetry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    if (extensionContext.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException("ObservabilityExtension provides Observability and TestTelemetry per "
          + "test: inject them into test methods, or into the constructor only with the per-method lifecycle "
          + "(not @TestInstance(PER_CLASS), not @BeforeAll)");
    }
    State state = state(extensionContext);
    return parameterContext.getParameter().getType() == Observability.class ? state.observability : state.telemetry;
  }

  private State state(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(this, k -> open(), State.class);
  }

  private State open() {
    TestTelemetry telemetry = new TestTelemetry();
    ObservabilitySdk.Builder sdk = ObservabilitySdk.builder()
        .serviceName(serviceName)
        .environmentVariables(Map.of())
        .provider(new MemoryBackendProvider(telemetry));
    for (Signal s : Signal.values()) {
      sdk.route(s, MemoryBackendProvider.NAME);
    }
    customizer.accept(sdk);
    Observability obs = sdk.build();
    telemetry.bindSelfMetrics(obs.selfMetrics());
    if (registerGlobal) {
      try {
        GlobalObservability.set(obs);
      } catch (RuntimeException e) {
        obs.close(CLOSE_TIMEOUT);
        throw e;
      }
    }
    return new State(obs, telemetry, registerGlobal);
  }

  /** One test's SDK instance and telemetry. */
  private static final class State {
    final Observability observability;
    final TestTelemetry telemetry;
    final boolean global;

    State(Observability observability, TestTelemetry telemetry, boolean global) {
      this.observability = observability;
      this.telemetry = telemetry;
      this.global = global;
    }

    void close() {
      try {
        observability.close(CLOSE_TIMEOUT);
      } finally {
        if (global && GlobalObservability.get() == observability) {
          GlobalObservability.resetForTesting();
        }
      }
    }
  }

  /** Options of an {@link ObservabilityExtension}. */
  public static final class Builder {
    private String serviceName = "test-service";
    private Consumer<ObservabilitySdk.Builder> customizer = b -> {};
    private boolean registerGlobal;

    private Builder() {}

    /** The service name (default {@code test-service}). */
    public Builder serviceName(String serviceName) {
      this.serviceName = Objects.requireNonNull(serviceName, "serviceName");
      return this;
    }

    /**
     * Adjusts the SDK builder after the defaults are applied: extra settings ({@code
     * sdk.set("limits.max_cardinality", 50)}), other routing, more providers. Applied for
     * every test; may be called more than once.
     */
    public Builder configure(Consumer<ObservabilitySdk.Builder> customizer) {
      Objects.requireNonNull(customizer, "customizer");
      this.customizer = this.customizer.andThen(customizer);
      return this;
    }

    /**
     * Also sets each test's instance as {@link GlobalObservability}, and resets the global after
     * the test. Tests using this must not run in parallel with each other.
     */
    public Builder registerGlobal() {
      this.registerGlobal = true;
      return this;
    }

    /** The extension. */
    public ObservabilityExtension build() {
      return new ObservabilityExtension(this);
    }
  }
}
