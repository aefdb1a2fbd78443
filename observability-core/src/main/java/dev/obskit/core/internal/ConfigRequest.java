package dev.obskit.core.internal;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration inputs the builder collected. */
public final class ConfigRequest {
  private final Path configFile;
  private final String configYaml;
  private final Map<String, Object> overrides;
  private final Map<String, String> env;

  public ConfigRequest(Path configFile, String configYaml, Map<String, Object> overrides, Map<String, String> env) {
    this.configFile = configFile;
    this.configYaml = configYaml;
    this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    this.env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** The YAML file to read, or null. */
  public Path configFile() {
    return configFile;
  }

  /** Inline YAML layered over the file, or null. */
  public String configYaml() {
    return configYaml;
  }

  /** The builder's dotted keys, the highest precedence. */
  public Map<String, Object> overrides() {
    return overrides;
  }

  /** The environment to read {@code OBS_*} overrides and {@code ${VAR}} values from. */
  public Map<String, String> env() {
    return env;
  }
}
