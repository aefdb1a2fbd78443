package dev.obskit.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * Base of the assertions that look for one recorded item (an error, a span, an event, a
 * metric) matching a growing list of criteria. Each {@code withX} narrows the candidates; when
 * none is left the assertion fails with every criterion and what <em>was</em> recorded.
 *
 * @param <SELF> the concrete assertion type
 * @param <T> the recorded item type
 */
public abstract class AbstractRecordedAssert<SELF extends AbstractRecordedAssert<SELF, T>, T>
    extends AbstractAssert<SELF, TestTelemetry> {
  private final TelemetryAssert parent;
  private final String subject;
  private final String recordedLabel;
  private final List<T> recorded;
  private final Function<T, String> describer;
  private final List<String> criteria = new ArrayList<>();
  private List<T> candidates;

  AbstractRecordedAssert(TelemetryAssert parent, Class<?> selfType, String subject, String recordedLabel,
      List<T> recorded, List<T> candidates, Function<T, String> describer) {
    super(parent.telemetry(), selfType);
    this.parent = parent;
    this.subject = subject;
    this.recordedLabel = recordedLabel;
    this.recorded = recorded;
    this.candidates = candidates;
    this.describer = describer;
    if (parent.description() != null) {
      describedAs(parent.description());
    }
    if (candidates.isEmpty()) {
      fail("");
    }
  }

  /** Back to the telemetry, to assert on another signal. */
  public TelemetryAssert and() {
    return parent;
  }

  /** The first recorded item matching every criterion so far. */
  public T matched() {
    return candidates.get(0);
  }

  /** Every recorded item matching every criterion so far (never empty). */
  public List<T> allMatched() {
    return List.copyOf(candidates);
  }

  /** Keeps the candidates that satisfy {@code test}; fails naming {@code criterion} if none do. */
  @SuppressWarnings("unchecked")
  protected SELF narrow(String criterion, Predicate<? super T> test) {
    List<T> kept = candidates.stream().filter(test).map(t -> (T) t).toList();
    if (kept.isEmpty()) {
      String matchedSoFar = criteria.isEmpty()
          ? candidates.size() + " " + (candidates.size() == 1 ? "was" : "were") + " found"
          : candidates.size() + " matched " + String.join(" ", criteria);
      criteria.add(criterion);
      fail("(" + matchedSoFar + ", but none " + criterion + ")");
    }
    criteria.add(criterion);
    candidates = kept;
    return myself;
  }

  /** Fails with the expectation, an optional detail and the recorded items. */
  protected void fail(String detail) {
    StringBuilder sb = new StringBuilder("expected ").append(subject);
    criteria.forEach(c -> sb.append(' ').append(c));
    if (!detail.isEmpty()) {
      sb.append("\n").append(detail);
    }
    sb.append("\nbut recorded ").append(recordedLabel).append(" were:");
    if (recorded.isEmpty()) {
      sb.append(" none");
    }
    recorded.forEach(r -> sb.append("\n  - ").append(describer.apply(r)));
    String extra = context();
    if (!extra.isEmpty()) {
      sb.append('\n').append(extra);
    }
    failWithMessage("%s", sb.toString());
  }

  /** Extra lines for the failure message (for example trace trees); empty by default. */
  protected String context() {
    return "";
  }

  /** Compares recorded and expected values, treating int/long and float/double alike. */
  static boolean sameValue(Object recorded, Object expected) {
    if (recorded == null || expected == null) {
      return recorded == expected;
    }
    if (recorded instanceof Number r && expected instanceof Number e && !(recorded instanceof java.math.BigDecimal)) {
      boolean integral = isIntegral(r) && isIntegral(e);
      return integral ? r.longValue() == e.longValue() : Double.compare(r.doubleValue(), e.doubleValue()) == 0;
    }
    return recorded.equals(expected) || recorded.toString().equals(expected.toString()) && expected instanceof String;
  }

  private static boolean isIntegral(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }
}
