package dev.obskit.core.config;

import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration of one SDK instance: every source merged, core keys validated, backend
 * sections ready to be read.
 *
 * <p>Life cycle, as the core uses it:
 *
 * <ol>
 *   <li>{@link #load(ConfigInputs)} parses and merges all sources and reads the core keys
 *       ({@link #core()}); it never throws for configuration problems, it collects them;
 *   <li>the core hands {@link #section(String)} to each backend it creates, and reads {@link
 *       CoreSettings#backendEnabled(String)} for each;
 *   <li>{@link #reportUnknownKeys(Set, Set)} once every backend has read its section;
 *   <li>{@link #throwIfProblems()}; then log {@link #unusedEnvironmentOverrides()} as warnings.
 * </ol>
 */
public final class LoadedConfig {
  private final ConfigState state;
  private final SectionConfig root;
  private final List<String> sources;
  private final CoreSettings core;
  private final List<String> notes = new ArrayList<>();
  private final List<String> standardVariables = new ArrayList<>();

  private LoadedConfig(ConfigInputs inputs) {
    this.state = new ConfigState(inputs.env());
    this.sources = new ArrayList<>();
    readFile(inputs.configFile());
    if (inputs.configYaml() != null) {
      YamlLoader.load(state, inputs.configYaml(), "yaml");
      sources.add("inline yaml");
    }
    notes.addAll(ShorthandKeys.rewrite(state));
    // Layer order, lowest first: file, inline YAML, standard variables, OBS_* (read on lookup), builder.
    StandardVariables.apply(state).forEach(name -> standardVariables.add("env " + name));
    applyOverrides(inputs.overrides());
    this.root = new SectionConfig(state, "");
    this.core = new CoreSettings(root, inputs.backendNames());
  }

  /**
   * Loads and merges every source, then reads and validates the core keys. Routing accepts the
   * well-known backend names and {@link ConfigInputs#backendNames()}. Never throws for
   * configuration problems: see {@link #problems()}.
   */
  public static LoadedConfig load(ConfigInputs inputs) {
    return new LoadedConfig(inputs);
  }

  /** The core's own settings (defaults where a value was bad). */
  public CoreSettings core() {
    return core;
  }

  /**
   * The section named {@code backendName} (for example {@code sentry}), to hand to that
   * backend. The same name always yields the same instance, so reads are tracked.
   */
  public SectionConfig section(String backendName) {
    return root.section(backendName.toLowerCase(Locale.ROOT));
  }

  /** The root section: everything read so far, for an effective-configuration summary. */
  public SectionConfig root() {
    return root;
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
    String prefix = ConfigState.envName(name) + "_";
    return state.env.keySet().stream().anyMatch(key -> key.startsWith(prefix));
  }

  /**
   * Reports unknown keys as problems: a top-level key that is neither a core key nor the name of
   * a backend ({@code knownBackendNames} or a well-known name) is unknown; inside the core's
   * sections and the sections of {@code createdBackends}, every key present but never read is
   * unknown. Each report suggests the closest known key when it is a likely typo. Call it after
   * every created backend has read its section. Sections of backends that were not created are
   * not checked: nobody can say which keys they support.
   */
  public void reportUnknownKeys(Set<String> knownBackendNames, Set<String> createdBackends) {
    Set<String> backends = new TreeSet<>(CoreSettings.WELL_KNOWN_BACKENDS);
    knownBackendNames.forEach(name -> backends.add(name.toLowerCase(Locale.ROOT)));
    Set<String> created = new TreeSet<>();
    createdBackends.forEach(name -> created.add(name.toLowerCase(Locale.ROOT)));
    Set<String> topLevel = new LinkedHashSet<>(CoreSettings.CORE_KEYS);
    topLevel.addAll(backends);
    for (String key : root.keys()) {
      if (CoreSettings.CORE_KEYS.contains(key) || created.contains(key)) {
        // Scalar core keys have no section to check.
        if (!CoreSettings.SCALAR_KEYS.contains(key)) {
          root.section(key).reportUnknownKeys();
        }
      } else if (!backends.contains(key)) {
        root.reportUnknownKey(key, topLevel);
      }
    }
  }

  /** Every problem found so far, in the order found. */
  public List<ConfigProblem> problems() {
    return state.problems();
  }

  /** Throws a {@link ConfigurationException} listing every problem, if there is any. */
  public void throwIfProblems() {
    List<ConfigProblem> problems = problems();
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
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
    for (String name : new TreeSet<>(state.env.keySet())) {
      if (name.startsWith("OBS_") && !state.consultedEnv.contains(name)) {
        String suggestion = Suggestions.closest(name, state.consultedEnv);
        if (suggestion != null) {
          warnings.add("environment variable " + name + " overrides no configuration key that was read;"
              + " did you mean " + suggestion + "?");
        }
      }
    }
    return warnings;
  }

  /**
   * Start-up notes that are not problems: shorthand keys read as their canonical keys.
   */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /**
   * The sources that contributed, lowest precedence first: {@code file <path>}, {@code inline
   * yaml}, {@code env OTEL_...}/{@code env SENTRY_...} (standard variables that were set), {@code
   * env OBS_...} (each variable whose value was used), {@code builder <path>}.
   */
  public List<String> sourcesDescription() {
    List<String> all = new ArrayList<>(sources);
    all.addAll(standardVariables);
    new TreeSet<>(state.appliedEnv).forEach(name -> all.add("env " + name));
    all.addAll(builderPaths);
    return all;
  }

  // --- loading ----------------------------------------------------------------------------

  private final List<String> builderPaths = new ArrayList<>();

  private void readFile(Path file) {
    if (file == null) {
      return;
    }
    String label = "file " + file;
    String text;
    try {
      if (Files.isRegularFile(file) && YamlLoader.tooLarge(state, Files.size(file), "bytes", label)) {
        return;
      }
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      state.problem(new ConfigProblem("", null, "configuration file not found: "
          + file.toAbsolutePath(), label));
      return;
    } catch (CharacterCodingException e) {
      state.problem(new ConfigProblem("", null, "configuration file is not UTF-8 text: "
          + file.toAbsolutePath(), label));
      return;
    } catch (IOException e) {
      state.problem(new ConfigProblem("", null, "cannot read configuration file "
          + file.toAbsolutePath() + ": " + e, label));
      return;
    }
    YamlLoader.load(state, text, label);
    sources.add(label);
  }

  @SuppressWarnings("unchecked")
  private void applyOverrides(Map<String, Object> overrides) {
    overrides.forEach((path, value) -> {
      String[] segments = path.split("\\.", -1);
      for (String segment : segments) {
        if (segment.isBlank()) {
          state.problem(new ConfigProblem(path, null, "not a valid dotted key path (empty"
              + " segment)", ConfigState.BUILDER));
          return;
        }
      }
      Map<String, Object> node = state.root;
      for (int i = 0; i < segments.length - 1; i++) {
        Object next = node.get(segments[i]);
        if (!(next instanceof Map)) {
          next = new LinkedHashMap<String, Object>();
          node.put(segments[i], next);
        }
        node = (Map<String, Object>) next;
      }
      node.put(segments[segments.length - 1], copy(value, path));
      builderPaths.add("builder " + path);
    });
  }

  /** Deep copy of a builder value with string keys; marks every path it covers as builder. */
  private Object copy(Object value, String path) {
    state.sources.put(path, ConfigState.BUILDER);
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, child) -> copy.put(String.valueOf(key),
          copy(child, path + "." + key)));
      return copy;
    }
    if (value instanceof Iterable<?> iterable) {
      List<Object> copy = new ArrayList<>();
      iterable.forEach(copy::add);
      return copy;
    }
    return value;
  }
}
