package dev.obskit.core.internal.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.obskit.api.spi.BackendConfig;
import dev.obskit.api.spi.Signal;
import dev.obskit.core.ConfigProblem;
import dev.obskit.core.internal.ConfigRequest;
import dev.obskit.core.internal.SdkConfiguration;
import dev.obskit.core.internal.SdkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stop-gap configuration loader (YAML text or file, {@code OBS_} environment, builder
 * overrides) used until {@code dev.obskit.core.config} lands; deliberately small.
 */
public final class InterimConfiguration implements SdkConfiguration {
  static final Set<String> KNOWN_BACKENDS = Set.of("console", "otel", "sentry", "memory");
  private static final Set<String> CORE_TOP = Set.of("routing", "limits", "scrubbing", "service", "strict");
  static final List<String> DEFAULT_SCRUB_KEYS = List.of("password", "passwd", "secret", "token", "api_key", "apikey",
      "authorization", "auth", "cookie", "set_cookie", "session", "credentials", "private_key", "access_key",
      "client_secret", "dsn");

  final Map<String, Object> values = new LinkedHashMap<>();
  final Map<String, String> sourceOf = new LinkedHashMap<>();
  final Set<String> read = new HashSet<>();
  final List<ConfigProblem> problems = new ArrayList<>();
  private final List<String> sources = new ArrayList<>();
  private final SdkSettings settings;

  public InterimConfiguration(ConfigRequest request) {
    sources.add("defaults");
    if (request.configFile() != null) {
      try {
        loadYaml(Files.readString(request.configFile()), "file " + request.configFile());
        sources.add("file " + request.configFile());
      } catch (IOException e) {
        problems.add(new ConfigProblem("config_file", String.valueOf(request.configFile()),
            "cannot be read: " + e.getMessage(), "builder"));
      }
    }
    if (request.configYaml() != null) {
      loadYaml(request.configYaml(), "yaml");
      sources.add("inline yaml");
    }
    request.env().forEach((k, v) -> {
      if (k.startsWith("OBS_") && v != null) {
        String path = envPath(k.substring(4).toLowerCase(Locale.ROOT));
        if (path != null) {
          put(path, v, "env " + k);
          sources.add("env " + k);
        }
      }
    });
    request.overrides().forEach((k, v) -> put(k, v, "builder"));
    this.settings = parseSettings();
  }

  private static String envPath(String rest) {
    if (rest.equals("strict")) {
      return rest;
    }
    for (String top : List.of("routing", "limits", "scrubbing", "service", "console", "otel", "sentry", "memory")) {
      if (rest.startsWith(top + "_")) {
        return top + "." + rest.substring(top.length() + 1);
      }
    }
    return null;
  }

  private void put(String path, Object value, String source) {
    values.put(path, value);
    sourceOf.put(path, source);
  }

  private void loadYaml(String text, String source) {
    try {
      Object tree = new ObjectMapper(new YAMLFactory()).readValue(text, Object.class);
      if (tree instanceof Map) {
        flatten("", (Map<?, ?>) tree, source);
      } else if (tree != null) {
        problems.add(new ConfigProblem("<root>", null, "the configuration must be a YAML mapping", source));
      }
    } catch (IOException e) {
      problems.add(new ConfigProblem("<root>", null, "invalid YAML: " + e.getMessage(), source));
    }
  }

  private void flatten(String prefix, Map<?, ?> map, String source) {
    map.forEach((k, v) -> {
      String path = prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k;
      if (v instanceof Map && !((Map<?, ?>) v).isEmpty() && !isMapValued(path)) {
        flatten(path, (Map<?, ?>) v, source);
      } else {
        put(path, v, source);
      }
    });
  }

  private static boolean isMapValued(String path) {
    return path.endsWith("headers") || path.endsWith("resource_attributes") || path.endsWith("tags");
  }

  String source(String path) {
    return sourceOf.getOrDefault(path, "");
  }

  void problem(String path, Object value, String message) {
    problems.add(new ConfigProblem(path, value == null ? null : String.valueOf(value), message, source(path)));
  }

  private SdkSettings parseSettings() {
    InterimSection root = new InterimSection(this, "");
    String service = root.getString("service.name", "unknown_service:java");
    String version = root.getString("service.version", "");
    String env = root.getString("service.environment", "");
    boolean strict = root.getBoolean("strict", false);
    int maxName = root.getInt("limits.max_name_length", 255, 1, 65536);
    int maxString = root.getInt("limits.max_string_length", 4096, 1, 1 << 24);
    int maxCard = root.getInt("limits.max_cardinality", 1000, 1, 1_000_000);
    Duration interval = root.getDuration("limits.warning_interval", Duration.ofSeconds(60));
    List<String> keys = root.getStringList("scrubbing.keys", DEFAULT_SCRUB_KEYS);
    List<String> extra = root.getStringList("scrubbing.extra_keys", List.of());
    List<String> scrub = new ArrayList<>(keys);
    scrub.addAll(extra);
    Map<Signal, List<String>> routing = new EnumMap<>(Signal.class);
    for (Signal s : Signal.values()) {
      routing.put(s, routingOf(s));
    }
    return new SdkSettings(service, version, env, strict, routing,
        new SdkSettings.Limits(maxName, maxString, maxCard, interval), scrub, this::enabled);
  }

  private boolean enabled(String backend) {
    String path = backend + ".enabled";
    read.add(path);
    Object v = values.get(path);
    if (v == null) {
      return true;
    }
    String s = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
    return !s.equals("false");
  }

  private List<String> routingOf(Signal s) {
    String path = "routing." + s.configName();
    read.add(path);
    Object v = values.get(path);
    if (v == null) {
      return List.of("console");
    }
    List<String> names = new ArrayList<>();
    if (v instanceof List) {
      for (Object o : (List<?>) v) {
        names.add(String.valueOf(o).trim().toLowerCase(Locale.ROOT));
      }
    } else {
      for (String part : String.valueOf(v).split(",")) {
        if (!part.isBlank()) {
          names.add(part.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    if (names.size() == 1 && names.get(0).equals("none")) {
      return List.of();
    }
    if (s == Signal.TRACES && names.size() == 1 && names.get(0).equals("both")) {
      return List.of("otel", "sentry");
    }
    return names;
  }

  @Override
  public SdkSettings settings() {
    return settings;
  }

  @Override
  public BackendConfig section(String backend) {
    return new InterimSection(this, backend);
  }

  @Override
  public void validateRouting(Set<String> availableBackends) {
    Set<String> allowed = new TreeSet<>(KNOWN_BACKENDS);
    allowed.addAll(availableBackends);
    for (Signal s : Signal.values()) {
      for (String name : settings.routing(s)) {
        if (!allowed.contains(name)) {
          problem("routing." + s.configName(), name, "unknown backend; allowed: " + String.join(", ", allowed)
              + ", none" + (s == Signal.TRACES ? ", both" : "") + " (a name or a list)");
        }
      }
    }
  }

  @Override
  public void reportUnknownKeys(Set<String> knownBackends, Set<String> createdBackends) {
    for (String path : new ArrayList<>(values.keySet())) {
      String top = path.contains(".") ? path.substring(0, path.indexOf('.')) : path;
      if (CORE_TOP.contains(top)) {
        if (!read.contains(path)) {
          problem(path, values.get(path), "unknown key");
        }
      } else if (!knownBackends.contains(top) && !KNOWN_BACKENDS.contains(top)) {
        problem(path, values.get(path), "unknown key; top-level keys are " + String.join(", ",
            new TreeSet<>(union(CORE_TOP, knownBackends))));
      } else if (createdBackends.contains(top) && !read.contains(path)) {
        problem(path, values.get(path), "unknown key for backend '" + top + "'");
      }
    }
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new TreeSet<>(a);
    s.addAll(b);
    s.addAll(KNOWN_BACKENDS);
    return s;
  }

  @Override
  public void addProblem(String path, String value, String message) {
    problems.add(new ConfigProblem(path, value, message, source(path)));
  }

  @Override
  public List<ConfigProblem> problems() {
    return List.copyOf(problems);
  }

  @Override
  public List<String> sources() {
    return List.copyOf(sources);
  }

  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    for (String p : Arrays.asList(s.split(","))) {
      if (!p.isBlank()) {
        out.add(p.trim());
      }
    }
    return out;
  }
}
