package dev.obskit.core.internal.logs;

import dev.obskit.api.LogRecord;
import dev.obskit.api.SpanContext;
import dev.obskit.api.spi.LogSink;
import dev.obskit.core.internal.DefaultScrubber;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.InputChecks;
import dev.obskit.core.internal.FanOut;
import dev.obskit.core.internal.SdkSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Guards a log record before it reaches the routed log sinks: the level threshold ({@code
 * logs.level}), the rate budget ({@code logs.max_per_second}), the message length ({@code
 * limits.max_string_length}, truncated), the attributes (at most {@code logs.max_attributes}, valid
 * names, no oversize strings, secrets scrubbed), the span it was made in and its time.
 */
public final class LogCapture {
  /** Self-metric: messages cut to {@code limits.max_string_length} (the record itself is kept). */
  public static final String TRUNCATED_MESSAGE = "truncated.log_message";
  /** Drop reason: over {@code logs.max_per_second}. */
  public static final String RATE_LIMITED = "logs_rate_limited";
  /** Drop reason: attributes beyond {@code logs.max_attributes}, counted one per attribute. */
  public static final String TOO_MANY_ATTRIBUTES = "log_attributes";

  private final FanOut<LogSink> sinks;
  private final SdkSettings.LogLimits limits;
  private final RateBudget budget;
  private final DefaultScrubber scrubber;
  private final DropReporter drops;
  private final InputChecks checks;
  private final Supplier<SpanContext> currentSpan;

  public LogCapture(FanOut<LogSink> sinks, SdkSettings.LogLimits limits, DefaultScrubber scrubber, DropReporter drops,
      InputChecks checks, Supplier<SpanContext> currentSpan) {
    this.sinks = sinks;
    this.limits = limits;
    this.budget = new RateBudget(limits.maxPerSecond());
    this.scrubber = scrubber;
    this.drops = drops;
    this.checks = checks;
    this.currentSpan = currentSpan;
  }

  /** Whether a record at {@code record}'s level would be sent on (the threshold only). */
  public boolean accepts(LogRecord record) {
    return record.level().isAtLeast(limits.level());
  }

  /** Guards {@code record} and sends it to every routed sink. */
  public void emit(LogRecord record) {
    if (!accepts(record)) {
      return; // below logs.level: configured away, not lost
    }
    long epochMillis = record.epochMillis();
    if (!budget.tryAcquire(epochMillis != 0 ? epochMillis : System.currentTimeMillis())) {
      drops.drop(RATE_LIMITED, () -> "more than logs.max_per_second=" + limits.maxPerSecond()
          + " log records in one second");
      return;
    }
    String message = record.message();
    int maxString = checks.limits().maxStringLength();
    boolean needsSpan = !record.spanContext().isValid();
    boolean needsTime = record.epochMillis() == 0;
    if (message.length() <= maxString && !needsSpan && !needsTime && isClean(record.attributes())) {
      sinks.each(sink -> sink.emit(record)); // the usual record from an appender: nothing to change, nothing to copy
      return;
    }
    if (message.length() > maxString) {
      int length = message.length();
      drops.countAndWarn(TRUNCATED_MESSAGE, 1, () -> "obskit truncated a log message of " + length
          + " characters to limits.max_string_length=" + maxString);
      message = message.substring(0, maxString);
    }
    LogRecord.Builder out = LogRecord.builder(record.level(), message).loggerName(record.loggerName())
        .threadName(record.threadName()).throwable(record.throwable()).epochMillis(record.epochMillis())
        .spanContext(record.spanContext());
    if (!record.attributes().isEmpty()) {
      out.attributes(cleanAttributes(record.attributes()));
    }
    if (needsSpan) {
      SpanContext current = currentSpan.get();
      out.spanContext(current == null ? SpanContext.invalid() : current);
    }
    if (needsTime) {
      out.epochMillis(System.currentTimeMillis());
    }
    LogRecord completed = out.build();
    sinks.each(sink -> sink.emit(completed));
  }

  /**
   * Whether {@link #cleanAttributes} would keep {@code attributes} as they are: few enough, valid
   * names, plain finite values (nested maps, lists and arrays are scrubbed into copies) within
   * the size limit, no secret-looking key.
   */
  private boolean isClean(Map<String, Object> attributes) {
    if (attributes.isEmpty()) {
      return true;
    }
    if (attributes.size() > limits.maxAttributes()) {
      return false;
    }
    int maxString = checks.limits().maxStringLength();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      Object v = e.getValue();
      if (!checks.validName(e.getKey()) || scrubber.isSensitiveKey(e.getKey())
          || DefaultScrubber.isContainer(v) || DefaultScrubber.nonFinite(v)
          || (v instanceof String && ((String) v).length() > maxString)) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Object> cleanAttributes(Map<String, Object> attributes) {
    Map<String, Object> kept = new LinkedHashMap<>();
    int max = limits.maxAttributes();
    int over = 0;
    // One budget for the record's attributes; NaN and infinities left out and counted.
    DefaultScrubber.Walk walk = scrubber.walk();
    for (Map.Entry<String, Object> e : attributes.entrySet()) {
      String key = e.getKey();
      if (kept.size() >= max) {
        over++;
        continue;
      }
      if (!checks.checkName(key, "log attribute")) {
        continue;
      }
      Object value = e.getValue();
      if (walk.leaveOut(value)
          || value instanceof String && !checks.checkString((String) value, "log attribute", key)) {
        continue;
      }
      kept.put(key, scrubber.isSensitiveKey(key) ? DefaultScrubber.FILTERED : walk.value(value, 1));
    }
    if (walk.nonFinite() > 0) {
      int n = walk.nonFinite();
      drops.drop(DropReporter.NON_FINITE_VALUE, n, () -> "a log record held " + n + " NaN or infinite attribute value(s); left out");
    }
    if (walk.truncated()) {
      drops.drop(DropReporter.TRUNCATED_DATA, () -> "log attributes were cut at " + DefaultScrubber.MAX_NODES
          + " values or 32 levels; the rest became \"" + DefaultScrubber.TRUNCATED + "\"");
    }
    if (over > 0) {
      int dropped = over;
      drops.countAndWarn("dropped." + TOO_MANY_ATTRIBUTES, dropped, () -> "obskit dropped " + dropped
          + " attributes of a log record over logs.max_attributes=" + max);
    }
    return kept;
  }
}
