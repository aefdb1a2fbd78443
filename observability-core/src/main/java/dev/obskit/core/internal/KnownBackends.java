package dev.obskit.core.internal;

import java.util.Map;

/** The backends this project ships, and the artifact that brings each one. */
public final class KnownBackends {
  private static final Map<String, String> ARTIFACTS = Map.of(
      "console", "dev.obskit:backend-console",
      "otel", "dev.obskit:backend-otel",
      "sentry", "dev.obskit:backend-sentry",
      "memory", "dev.obskit:testkit");

  private KnownBackends() {}

  /** The names of the backends this project ships, so a missing jar can be named precisely. */
  public static java.util.Set<String> names() {
    return ARTIFACTS.keySet();
  }

  /** The Maven coordinates of a known backend, or null. */
  public static String artifact(String name) {
    return ARTIFACTS.get(name);
  }
}
