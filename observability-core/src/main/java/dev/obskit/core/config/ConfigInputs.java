package dev.obskit.core.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the SDK builder collected, before anything is parsed or validated. Immutable; create
 * with {@link #builder()}.
 *
 * <p>Layering: the file is read first, the inline YAML overlays it (maps merge key by key, other
 * values replace), environment overrides ({@code OBS_*}) win over both, and {@link
 * Builder#set(String, Object) builder overrides} win over everything.
 */
public final class ConfigInputs {
  private final Path configFile;
  private final String configYaml;
  private final Map<String, Object> overrides;
  private final Map<String, String> env;
  private final Set<String> backendNames;

  private ConfigInputs(Builder builder) {
    this.configFile = builder.configFile;
    this.configYaml = builder.configYaml;
    this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(builder.overrides));
    this.env = Map.copyOf(builder.env);
    this.backendNames = Collections.unmodifiableSet(new LinkedHashSet<>(builder.backendNames));
  }

  /** A new, empty builder (no file, no YAML, no overrides, empty environment). */
  public static Builder builder() {
    return new Builder();
  }

  /** The YAML configuration file, or {@code null}. */
  public Path configFile() {
    return configFile;
  }

  /** Inline YAML text that overlays the file, or {@code null}. */
  public String configYaml() {
    return configYaml;
  }

  /** Builder overrides: dotted path to value, in the order they were set. */
  public Map<String, Object> overrides() {
    return overrides;
  }

  /** The environment variables used for {@code ${VAR}} substitution and {@code OBS_*} overrides. */
  public Map<String, String> env() {
    return env;
  }

  /**
   * Names of backends discovered or registered explicitly, in addition to the well-known names
   * ({@link CoreSettings#WELL_KNOWN_BACKENDS}); routing accepts any of them.
   */
  public Set<String> backendNames() {
    return backendNames;
  }

  /** Collects {@link ConfigInputs}. Not thread-safe. */
  public static final class Builder {
    private Path configFile;
    private String configYaml;
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private Map<String, String> env = Map.of();
    private final Set<String> backendNames = new LinkedHashSet<>();

    private Builder() {}

    /** The YAML file to read; {@code null} for none. A missing file is a configuration problem. */
    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** Inline YAML that overlays the file; {@code null} for none. */
    public Builder configYaml(String yaml) {
      this.configYaml = yaml;
      return this;
    }

    /**
     * Sets {@code dottedPath} (for example {@code routing.traces}) with the highest precedence.
     * Values may be a String, Number, Boolean, {@link java.time.Duration}, List or Map; a Map
     * replaces the whole subtree at that path. A {@code null} value removes the key. Later calls
     * win over earlier ones.
     */
    public Builder set(String dottedPath, Object value) {
      Objects.requireNonNull(dottedPath, "dottedPath");
      overrides.remove(dottedPath);
      overrides.put(dottedPath, value);
      return this;
    }

    /** Adds every entry of {@code values} as by {@link #set(String, Object)}. */
    public Builder overrides(Map<String, ?> values) {
      values.forEach(this::set);
      return this;
    }

    /** The environment variables (usually {@code System.getenv()}); {@code null} means none. */
    public Builder env(Map<String, String> environment) {
      this.env = environment == null ? Map.of() : environment;
      return this;
    }

    /** Adds backend names that routing may use (discovered or explicit providers). */
    public Builder backendNames(Set<String> names) {
      names.forEach(name -> backendNames.add(name.toLowerCase(java.util.Locale.ROOT)));
      return this;
    }

    /** The immutable inputs. */
    public ConfigInputs build() {
      return new ConfigInputs(this);
    }
  }
}
