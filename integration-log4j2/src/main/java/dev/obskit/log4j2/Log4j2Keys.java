package dev.obskit.log4j2;

import dev.obskit.logging.TraceContextKeys;
import org.apache.logging.log4j.util.PropertiesUtil;

/**
 * The context-data keys of the span ids, read once from Log4j2's properties (system properties,
 * environment, {@code log4j2.component.properties}): {@code obskit.traceIdKey}, {@code
 * obskit.spanIdKey}, {@code obskit.traceFlagsKey}; defaults {@code trace_id}, {@code span_id},
 * {@code trace_flags}. One place, because the context-data provider and the appender must agree.
 */
final class Log4j2Keys {
  private static volatile TraceContextKeys keys;

  private Log4j2Keys() {}

  static TraceContextKeys get() {
    TraceContextKeys k = keys;
    if (k == null) {
      PropertiesUtil p = PropertiesUtil.getProperties();
      TraceContextKeys d = TraceContextKeys.DEFAULT;
      try {
        k = new TraceContextKeys(p.getStringProperty("obskit.traceIdKey", d.traceId()),
            p.getStringProperty("obskit.spanIdKey", d.spanId()),
            p.getStringProperty("obskit.traceFlagsKey", d.traceFlags()));
      } catch (IllegalArgumentException e) {
        k = d; // a blank name: the defaults are better than no correlation
      }
      keys = k;
    }
    return k;
  }
}
