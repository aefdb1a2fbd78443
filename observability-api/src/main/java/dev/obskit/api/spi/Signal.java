package dev.obskit.api.spi;

import java.util.Locale;

/** The kinds of telemetry that routing sends to backends. */
public enum Signal {
  ERRORS,
  METRICS,
  TRACES,
  EVENTS,
  LOGS;

  /** The name used in configuration ({@code errors}, {@code metrics}, ...). */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
