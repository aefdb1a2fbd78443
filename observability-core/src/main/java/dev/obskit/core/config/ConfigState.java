package dev.obskit.core.config;

import dev.obskit.core.ConfigProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The merged configuration tree shared by every {@link SectionConfig} of one load: values from
 * file, inline YAML and builder (env is looked up on read), the source of every path, and the
 * problems found so far.
 */
final class ConfigState {
  static final String BUILDER = "builder";

  /** Nested maps; leaves are String, Number, Boolean, Duration, null or List. */
  final Map<String, Object> root = new LinkedHashMap<>();

  /** Dotted path to where its value came from. */
  final Map<String, String> sources = new HashMap<>();

  final Map<String, String> env;
  /** {@code OBS_*} names looked up by some read. */
  final Set<String> consultedEnv = ConcurrentHashMap.newKeySet();
  /** {@code OBS_*} names whose value some read actually used. */
  final Set<String> appliedEnv = ConcurrentHashMap.newKeySet();
  private final List<ConfigProblem> problems = new ArrayList<>();
  private final Set<String> problemKeys = new LinkedHashSet<>();

  ConfigState(Map<String, String> env) {
    this.env = env;
  }

  /** The environment variable that overrides {@code dottedPath}. */
  static String envName(String dottedPath) {
    return "OBS_" + dottedPath.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  static String join(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  String sourceOf(String path) {
    return sources.get(path);
  }

  boolean fromBuilder(String path) {
    return BUILDER.equals(sources.get(path));
  }

  /** The node at {@code path} in the merged tree, or null. */
  Object node(String path) {
    if (path.isEmpty()) {
      return root;
    }
    Object current = root;
    for (String segment : path.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(segment);
    }
    return current;
  }

  /** Records a problem once (the same path and message twice is one problem). */
  synchronized void problem(ConfigProblem problem) {
    if (problemKeys.add(problem.path() + '\u0000' + problem.message())) {
      problems.add(problem);
    }
  }

  synchronized List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }
}
