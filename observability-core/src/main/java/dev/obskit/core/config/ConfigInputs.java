package dev.obskit.core.config;

import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything that was configured, merged into one tree with the source of every value: the YAML
 * file, inline YAML, the platforms' standard variables ({@code OTEL_*}, {@code SENTRY_*}), {@code
 * OBS_*} environment variables and the builder's keys. Nothing here is validated yet; validation
 * happens when a key is read through {@link #root()} or {@link #section(String)} (the core's keys by
 * {@code SdkSettings}, a backend's by the backend), and every problem found on the way is collected
 * here, so that start-up reports all of them at once ({@link #throwIfProblems()}).
 *
 * <p>Precedence, lowest first: file, inline YAML (maps merge key by key, other values replace),
 * standard variables, {@code OBS_*} variables (looked up when a key is read), builder keys. Create
 * with {@link #builder()}.
 */
public final class ConfigInputs {
  static final String BUILDER = "builder";

  /** The merged tree: nested maps; leaves are String, Number, Boolean, Duration, null or List. */
  final Map<String, Object> tree = new LinkedHashMap<>();
  /** Dotted path to where its value came from ({@code file F:3}, {@code env OTEL_...}, {@code builder}). */
  final Map<String, String> sources = new HashMap<>();
  final Map<String, String> env;
  /** {@code OBS_*} names looked up by some read. */
  final Set<String> consultedEnv = ConcurrentHashMap.newKeySet();
  /** {@code OBS_*} names whose value some read actually used. */
  final Set<String> appliedEnv = ConcurrentHashMap.newKeySet();

  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> problemKeys = new LinkedHashSet<>();
  private final List<String> notes = new ArrayList<>();
  /** {@code file <path>}, {@code inline yaml}, {@code env OTEL_...}, {@code builder <path>}, in layer order. */
  private final List<String> layers = new ArrayList<>();
  private final SectionConfig root;

  private ConfigInputs(Builder builder) {
    this.env = Map.copyOf(builder.env);
    readFile(builder.configFile);
    if (builder.configYaml != null) {
      YamlLoader.load(this, builder.configYaml, "yaml");
      layers.add("inline yaml");
    }
    notes.addAll(ShorthandKeys.rewrite(this));
    StandardVariables.apply(this).forEach(name -> layers.add("env " + name));
    builder.overrides.forEach(this::applyBuilderKey);
    this.root = new SectionConfig(this, "");
  }

  /** A new, empty builder (no file, no YAML, no builder keys, empty environment). */
  public static Builder builder() {
    return new Builder();
  }

  /** The environment variable that overrides {@code dottedPath}: {@code OBS_} + the path upper-cased. */
  static String envName(String dottedPath) {
    return "OBS_" + dottedPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  // --- reading ----------------------------------------------------------------------------

  /** The whole configuration as one section; reads through it are tracked like a backend's. */
  public SectionConfig root() {
    return root;
  }

  /**
   * The section named {@code backendName} (for example {@code sentry}), to hand to that backend.
   * The same name always yields the same instance, so reads are tracked.
   */
  public SectionConfig section(String backendName) {
    return root.section(backendName.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether the file, the inline YAML, the builder or an {@code OBS_<NAME>_*} environment
   * variable mentions the section {@code backendName}.
   */
  public boolean hasSection(String backendName) {
    String name = backendName.toLowerCase(Locale.ROOT);
    if (root.keys().contains(name)) {
      return true;
    }
    String prefix = envName(name) + "_";
    return env.keySet().stream().anyMatch(key -> key.startsWith(prefix));
  }

  /** The node at {@code path} in the merged tree, or null. */
  Object node(String path) {
    if (path.isEmpty()) {
      return tree;
    }
    Object current = tree;
    for (String segment : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  /** Where the value at {@code path} was written (file, YAML, standard variable, builder), or null. */
  String sourceOf(String path) {
    return sources.get(path);
  }

  boolean fromBuilder(String path) {
    return BUILDER.equals(sources.get(path));
  }

  // --- problems ---------------------------------------------------------------------------

  /** Records a problem once (the same path and message twice is one problem). */
  synchronized void problem(ConfigProblem problem) {
    if (problemKeys.add(problem.path() + '\u0000' + problem.message())) {
      problems.add(problem);
    }
  }

  /**
   * Adds a problem found outside a getter (a routed backend that is missing, a strict-mode
   * failure), with the source of {@code path} when something set it.
   */
  public void addProblem(String path, String value, String message) {
    String envName = envName(path);
    String source = !fromBuilder(path) && env.containsKey(envName) ? "env " + envName : sources.get(path);
    problem(new ConfigProblem(path, value, message, source));
  }

  /** Every problem found so far, in the order found. */
  public synchronized List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  /** Throws a {@link ConfigurationException} listing every problem, if there is any. */
  public void throwIfProblems() {
    List<ConfigProblem> all = problems();
    if (!all.isEmpty()) {
      throw new ConfigurationException(all);
    }
  }

  /**
   * Reports unknown keys as problems: a top-level key not in {@code topLevelKeys} is unknown (with
   * the closest of them as a suggestion); inside each of {@code checkedSections}, every key present
   * but never read is unknown. Call it after everything that reads keys has read them.
   */
  public void reportUnknownKeys(Set<String> topLevelKeys, Set<String> checkedSections) {
    for (String key : root.keys()) {
      if (checkedSections.contains(key)) {
        root.section(key).reportUnknownKeys();
      } else if (!topLevelKeys.contains(key)) {
        root.reportUnknownKey(key, topLevelKeys);
      }
    }
  }

  /**
   * Warnings (not errors) for {@code OBS_*} environment variables that match no key anybody read
   * but are close to one (most likely a typo), with the suggestion. Other {@code OBS_*} variables
   * are none of obskit's business (an application may well have its own {@code OBS_CONFIG}).
   * Meaningful after every backend has read its section.
   */
  public List<String> unusedEnvironmentOverrides() {
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith("OBS_") && !consultedEnv.contains(name)) {
        String suggestion = Suggestions.closest(name, consultedEnv);
        if (suggestion != null) {
          warnings.add("environment variable " + name + " overrides no configuration key that was read;"
              + " did you mean " + suggestion + "?");
        }
      }
    }
    return warnings;
  }

  // --- where values came from -------------------------------------------------------------

  /** Start-up notes that are not problems: shorthand keys read as their canonical keys. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * The sources that contributed, lowest precedence first: {@code file <path>}, {@code inline
   * yaml}, {@code env OTEL_...}/{@code env SENTRY_...} (standard variables that were set), {@code
   * env OBS_...} (each variable whose value was used), {@code builder <path>}.
   */
  public List<String> sourcesDescription() {
    List<String> all = new ArrayList<>();
    List<String> builderKeys = new ArrayList<>();
    for (String layer : layers) {
      (layer.startsWith(BUILDER) ? builderKeys : all).add(layer);
    }
    new TreeSet<>(appliedEnv).forEach(name -> all.add("env " + name));
    all.addAll(builderKeys);
    return all;
  }

  /**
   * {@link #sourcesDescription()} for the init summary: builder keys collapsed into one entry, so
   * the summary stays a few lines long; {@code defaults} when nothing was configured.
   */
  public List<String> sourcesSummary() {
    List<String> out = new ArrayList<>();
    int builderKeys = 0;
    for (String source : sourcesDescription()) {
      if (source.startsWith(BUILDER)) {
        builderKeys++;
      } else {
        out.add(source);
      }
    }
    if (builderKeys > 0) {
      out.add("builder (" + builderKeys + (builderKeys == 1 ? " key)" : " keys)"));
    }
    return out.isEmpty() ? List.of("defaults") : out;
  }

  /**
   * Every value read that is not a default, with the layer that set it: {@code
   * service.name=checkout (env OTEL_SERVICE_NAME)}, sorted, secrets masked. For the init summary.
   */
  public List<String> valueSources() {
    List<String> out = new ArrayList<>();
    for (EffectiveValue value : root.effectiveValues()) {
      if (!value.source().equals("default")) {
        out.add(value.path() + "=" + value.value() + " (" + value.source() + ")");
      }
    }
    Collections.sort(out);
    return out;
  }

  // --- loading ----------------------------------------------------------------------------

  private void readFile(Path file) {
    if (file == null) {
      return;
    }
    String label = "file " + file;
    String text;
    try {
      if (Files.isRegularFile(file) && YamlLoader.tooLarge(this, Files.size(file), "bytes", label)) {
        return;
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      problem(new ConfigProblem("", null, "configuration file not found: " + file.toAbsolutePath(), label));
      return;
    } catch (CharacterCodingException e) {
      problem(new ConfigProblem("", null, "configuration file is not UTF-8 text: " + file.toAbsolutePath(), label));
      return;
    } catch (IOException e) {
      problem(new ConfigProblem("", null, "cannot read configuration file " + file.toAbsolutePath() + ": " + e,
          label));
      return;
    }
    YamlLoader.load(this, text, label);
    layers.add(label);
  }

  private void applyBuilderKey(String path, Object value) {
    String[] segments = path.split("\\.", -1);
    for (String segment : segments) {
      if (segment.isBlank()) {
        problem(new ConfigProblem(path, null, "not a valid dotted key path (empty segment)", BUILDER));
        return;
      }
    }
    put(path, copyBuilderValue(value, path), null);
    layers.add("builder " + path);
  }

  /** Deep copy of a builder value with string keys; marks every path it covers as builder. */
  private Object copyBuilderValue(Object value, String path) {
    sources.put(path, BUILDER);
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, child) -> copy.put(String.valueOf(key), copyBuilderValue(child, path + "." + key)));
      return copy;
    }
    if (value instanceof Iterable<?> iterable) {
      List<Object> copy = new ArrayList<>();
      iterable.forEach(copy::add);
      return copy;
    }
    return value;
  }

  /**
   * Puts {@code value} at {@code path}, creating the sections on the way (a single value in the
   * way is replaced); records {@code source} for the path unless it is null.
   */
  @SuppressWarnings("unchecked")
  void put(String path, Object value, String source) {
    String[] segments = path.split("\\.");
    Map<String, Object> node = tree;
    for (int i = 0; i < segments.length - 1; i++) {
      Object next = node.get(segments[i]);
      if (!(next instanceof Map)) {
        next = new LinkedHashMap<String, Object>();
        node.put(segments[i], next);
      }
      node = (Map<String, Object>) next;
    }
    node.put(segments[segments.length - 1], value);
    if (source != null) {
      sources.put(path, source);
    }
  }

  /** Collects the inputs; {@link #build()} reads and merges them. Not thread-safe. */
  public static final class Builder {
    private Path configFile;
    private String configYaml;
    private final Map<String, Object> overrides = new LinkedHashMap<>();
    private Map<String, String> env = Map.of();

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

    /**
     * Reads the file, parses the YAML and merges every layer. Never throws for configuration
     * problems: they are in {@link ConfigInputs#problems()}.
     */
    public ConfigInputs build() {
      return new ConfigInputs(this);
    }
  }
}
