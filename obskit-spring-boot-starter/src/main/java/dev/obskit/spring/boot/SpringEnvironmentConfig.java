package dev.obskit.spring.boot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Reads the {@code obskit.*} properties of a Spring {@link ConfigurableEnvironment}
 * ({@code application.yaml}, profiles, command-line arguments, test properties) into the same
 * tree a configuration file gives the core, so the keys, the defaults and the validation are the
 * file's. The tree reaches the core as its YAML layer (below {@code OBS_*} environment variables
 * and builder settings, as a file would), and problems the core finds are reported again with
 * the Spring origin of each key ({@code class path resource [application.yaml] - 6:13}).
 *
 * <p>A few keys belong to the starter only and never reach the core; they are spelt with a
 * hyphen, which no core key has: {@code obskit.config-file}, {@code obskit.close-timeout},
 * {@code obskit.micrometer-bridge}, {@code obskit.observation-handler}.
 */
final class SpringEnvironmentConfig {
  static final String PREFIX = "obskit.";
  /** Keys read by the starter itself (Spring style, with hyphens), not by the core. */
  static final Set<String> STARTER_KEYS = Set.of("config-file", "close-timeout", "micrometer-bridge",
      "observation-handler");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Object> tree;
  private final Map<String, String> origins;
  private final Path configFile;

  private SpringEnvironmentConfig(Map<String, Object> tree, Map<String, String> origins, Path configFile) {
    this.tree = tree;
    this.origins = origins;
    this.configFile = configFile;
  }

  /** Reads every {@code obskit.*} property, highest-precedence source first. */
  static SpringEnvironmentConfig read(ConfigurableEnvironment environment) {
    Map<String, String> owner = new LinkedHashMap<>(); // base path -> the source that decides it
    Map<String, String> origins = new LinkedHashMap<>();
    Map<String, Object> tree = new LinkedHashMap<>();
    List<ConfigProblem> problems = new ArrayList<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      // Environment variables configure obskit through OBS_* (read by the core with its own
      // rules); Spring's relaxed names (OBSKIT_SENTRY_DSN) cannot tell traces_sample_rate from
      // traces.sample.rate. JVM system properties are skipped too: build tools and launchers
      // put their own obskit.* there (this project's build does), which are not this
      // configuration; --obskit.* arguments and OBS_* variables cover the same needs.
      if (!(source instanceof EnumerablePropertySource<?> enumerable)
          || StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
          || StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
        continue;
      }
      for (String name : enumerable.getPropertyNames()) {
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length()) {
          continue;
        }
        List<Object> segments = segments(name.substring(PREFIX.length()));
        String top = String.valueOf(segments.get(0));
        if (STARTER_KEYS.contains(top)) {
          continue;
        }
        String base = basePath(segments);
        String decidedBy = owner.putIfAbsent(base, source.getName());
        if (decidedBy != null && !decidedBy.equals(source.getName())) {
          continue; // a higher-precedence source set this key (or list) already
        }
        Object raw = enumerable.getProperty(name);
        String value = raw == null ? null : environment.resolvePlaceholders(String.valueOf(raw));
        origins.putIfAbsent(base, origin(source, name));
        String conflict = put(tree, segments, value);
        if (conflict != null) {
          problems.add(new ConfigProblem(PREFIX + base, null, conflict, origins.get(base)));
        }
      }
    }
    if (!tree.containsKey("service") || !(tree.get("service") instanceof Map<?, ?> service)
        || !service.containsKey("name")) {
      String application = environment.getProperty("spring.application.name");
      if (application != null && !application.isBlank()) {
        put(tree, List.of("service", "name"), application);
        origins.putIfAbsent("service.name", "spring.application.name");
      }
    }
    if (!tree.containsKey("shutdown_hook")) {
      // The application context closes the SDK (with obskit.close-timeout) when Spring shuts
      // down, itself on a JVM shutdown hook; a second hook of the core's would race it. As a
      // YAML-layer default, obskit.shutdown_hook or OBS_SHUTDOWN_HOOK can still turn it on.
      tree.put("shutdown_hook", "false");
      origins.putIfAbsent("shutdown_hook", "obskit-spring-boot-starter default");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    String file = environment.getProperty(PREFIX + "config-file");
    return new SpringEnvironmentConfig(tree, origins, file == null || file.isBlank() ? null : Path.of(file));
  }

  /** {@code obskit.config-file}, or null. */
  Path configFile() {
    return configFile;
  }

  /**
   * The tree as YAML text for the core's YAML layer: JSON, which YAML reads, written by Jackson
   * (the core's YAML parser brings it).
   */
  String yaml() {
    try {
      return JSON.writeValueAsString(plain(tree));
    } catch (JsonProcessingException e) {
      // Only strings, maps and lists are in the tree: this cannot happen.
      throw new IllegalStateException("obskit: cannot write the obskit.* properties as YAML", e);
    }
  }

  /** The tree with each list (a TreeMap by index while reading) as a List, in index order. */
  private static Object plain(Object node) {
    if (node instanceof TreeMap<?, ?> list) {
      List<Object> items = new ArrayList<>();
      list.values().forEach(item -> items.add(plain(item)));
      return items;
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, value) -> out.put(String.valueOf(key), plain(value)));
      return out;
    }
    return node;
  }

  /** The Spring origin of a core key path, or null when no {@code obskit.*} property set it. */
  String originOf(String path) {
    if (path == null || path.isEmpty()) {
      return null;
    }
    String exact = origins.get(path);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> entry : origins.entrySet()) { // a problem with a whole section
      if (entry.getKey().startsWith(path + ".")) {
        return entry.getValue();
      }
    }
    String prefix = path; // a problem below the key that was set (a map value set as text)
    int dot;
    while ((dot = prefix.lastIndexOf('.')) > 0) {
      prefix = prefix.substring(0, dot);
      if (origins.containsKey(prefix)) {
        return origins.get(prefix);
      }
    }
    return null;
  }

  /**
   * The core's problems with each key named as the user wrote it ({@code obskit.routing.traces})
   * and where ({@code class path resource [application.yaml] - 6:13}). Problems from a file or an
   * {@code OBS_*} variable keep their own source.
   */
  ConfigurationException withSpringOrigins(ConfigurationException e) {
    List<ConfigProblem> mapped = new ArrayList<>();
    for (ConfigProblem p : e.problems()) {
      String source = p.source();
      if (source != null && source.startsWith("yaml")) {
        String origin = originOf(p.path());
        mapped.add(new ConfigProblem(p.path() == null || p.path().isEmpty() ? "obskit" : PREFIX + p.path(),
            p.value(), p.message(), origin == null ? "application properties" : origin));
      } else {
        mapped.add(p);
      }
    }
    ConfigurationException result = new ConfigurationException(mapped);
    result.setStackTrace(e.getStackTrace());
    return result;
  }

  // --- property names -----------------------------------------------------------------------

  /** {@code routing.errors[0]} -> [routing, errors, 0]; {@code resource[k.v]} -> [resource, k.v]. */
  static List<Object> segments(String name) {
    List<Object> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      char c = name.charAt(i);
      if (c == '.') {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
        i++;
      } else if (c == '[') {
        if (current.length() > 0) {
          out.add(current.toString());
          current.setLength(0);
        }
        int end = name.indexOf(']', i);
        String inside = end < 0 ? name.substring(i + 1) : name.substring(i + 1, end);
        out.add(inside.chars().allMatch(Character::isDigit) && !inside.isEmpty()
            ? (Object) Integer.valueOf(inside) : inside);
        i = end < 0 ? name.length() : end + 1;
      } else {
        current.append(c);
        i++;
      }
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  /** The dotted core path of a property: list indexes dropped. */
  static String basePath(List<Object> segments) {
    StringBuilder out = new StringBuilder();
    for (Object s : segments) {
      if (s instanceof Integer) {
        continue;
      }
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(s);
    }
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static String put(Map<String, Object> tree, List<Object> segments, String value) {
    Object node = tree;
    for (int i = 0; i < segments.size(); i++) {
      Object segment = segments.get(i);
      boolean last = i == segments.size() - 1;
      Object next = last ? value : (segments.get(i + 1) instanceof Integer ? new TreeMap<Integer, Object>()
          : new LinkedHashMap<String, Object>());
      if (segment instanceof Integer index) {
        if (!(node instanceof TreeMap)) {
          return "a list here, but a single value or section is set too";
        }
        TreeMap<Integer, Object> list = (TreeMap<Integer, Object>) node;
        node = last ? list.put(index, value) : list.computeIfAbsent(index, k -> next);
      } else {
        if (!(node instanceof Map) || node instanceof TreeMap) {
          return "a section here, but a list is set too";
        }
        Map<String, Object> map = (Map<String, Object>) node;
        String key = (String) segment;
        if (last) {
          map.putIfAbsent(key, value);
          node = map.get(key);
        } else {
          Object existing = map.get(key);
          if (existing == null || existing instanceof String) {
            if (existing instanceof String s && !s.isEmpty()) {
              return "a section here, but a single value is set too";
            }
            map.put(key, next);
          }
          node = map.get(key);
        }
      }
    }
    return null;
  }

  private static String origin(PropertySource<?> source, String name) {
    if (source instanceof OriginLookup<?>) {
      @SuppressWarnings("unchecked")
      Origin origin = ((OriginLookup<String>) source).getOrigin(name);
      if (origin != null) {
        return origin.toString();
      }
    }
    return source.getName();
  }
}
