package dev.obskit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every configuration example of README.md and docs/*.md through the real SDK with every
 * backend on the class path, so that a key, variable or builder call the docs show cannot drift
 * from what the code reads: each {@code yaml} block, each {@code OBS_NAME=value} and each {@code
 * set("key", value)}.
 *
 * <p>Every example runs on top of a base configuration that routes every signal to every backend
 * (so that every backend reads and checks its section), with OTLP pointed at a closed port on
 * 127.0.0.1 (nothing is recorded, so nothing is exported). Host names in
 * examples are rewritten to 127.0.0.1 and the Prometheus port to a free one, so that no example
 * reaches beyond this machine. A yaml block preceded by {@code <!-- invalid example -->} shows a
 * mistake on purpose and must fail.
 */
class DocExamplesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String INVALID_MARKER = "<!-- invalid example -->";
  private static final String LOOPBACK_DSN = "http://publickey@127.0.0.1:9/1";
  private static final String BASE = String.join("\n",
      "routing:",
      "  errors: [console, sentry]",
      "  metrics: [console, otel]",
      "  traces: [otel, sentry, console]",
      "  events: [console, otel, sentry]",
      "console: {output: stdout, metrics: off}",
      "otel:",
      "  traces: {exporter: otlp}",
      "  metrics: {exporter: otlp}",
      "  otlp: {endpoint: \"http://127.0.0.1:9\"}",
      "sentry:",
      "  dsn: " + LOOPBACK_DSN,
      "");

  private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");
  private static final Pattern ENV_EXAMPLE = Pattern.compile("`(OBS_[A-Z0-9_]+=[^`]*)`");
  private static final Pattern NEXT_VARIABLE = Pattern.compile("\\s+(?=OBS_[A-Z0-9_]+=)");
  private static final Pattern SET_EXAMPLE = Pattern.compile(
      "\\bset\\(\"([a-z0-9_.]+)\",\\s*(\"[^\"]*\"|-?[0-9]+(?:\\.[0-9]+)?|true|false)\\)");
  private static final Pattern URL_HOST = Pattern.compile("(https?://(?:[^@/\\s\"]*@)?)([A-Za-z0-9.-]+)");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

  @TestFactory
  Stream<DynamicTest> everyExampleInTheDocsIsAccepted() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path doc : docs()) {
      String text = Files.readString(doc);
      String name = ROOT.relativize(doc).toString();
      Matcher yaml = YAML_BLOCK.matcher(text);
      while (yaml.find()) {
        String block = yaml.group(1);
        int line = lineOf(text, yaml.start());
        boolean invalid = text.substring(0, yaml.start()).stripTrailing().endsWith(INVALID_MARKER);
        tests.add(example(name + ":" + line + " yaml" + (invalid ? " (invalid on purpose)" : ""),
            () -> checkYaml(block, invalid)));
      }
      Matcher env = ENV_EXAMPLE.matcher(text);
      while (env.find()) {
        Map<String, String> variables = new java.util.LinkedHashMap<>();
        for (String assignment : NEXT_VARIABLE.split(env.group(1))) {
          int eq = assignment.indexOf('=');
          variables.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        tests.add(example(name + ":" + lineOf(text, env.start()) + " " + String.join(" ", variables.keySet()),
            () -> checkEnv(variables)));
      }
      Matcher set = SET_EXAMPLE.matcher(text);
      while (set.find()) {
        String key = set.group(1);
        Object value = literal(set.group(2));
        tests.add(example(name + ":" + lineOf(text, set.start()) + " set(" + key + ")",
            () -> checkSet(key, value)));
      }
    }
    assertThat(tests).as("examples found in README.md and docs/").hasSizeGreaterThan(10);
    return tests.stream();
  }

  /** A test whose failure message starts with where the example is. */
  private static DynamicTest example(String where, org.junit.jupiter.api.function.Executable check) {
    return DynamicTest.dynamicTest(where, () -> {
      try {
        check.execute();
      } catch (ConfigurationException | AssertionError e) {
        throw new AssertionError(where + ": " + e.getMessage(), e);
      }
    });
  }

  private static void checkYaml(String block, boolean invalid) throws IOException {
    String yaml = loopbackOnly(springObskitBlock(block));
    Map<String, String> env = variablesFor(yaml);
    Path base = baseFile();
    ObservabilitySdk.Builder builder = ObservabilitySdk.builder()
        .configFile(base).configYaml(yaml).environmentVariables(env);
    if (invalid) {
      try {
        builder.build().close(Duration.ofSeconds(2));
      } catch (ConfigurationException expected) {
        return;
      }
      throw new AssertionError("the example marked invalid was accepted:\n" + block);
    }
    startAndClose(builder);
  }

  /** Keys the Spring Boot starter reads itself (hyphenated); they never reach the core. */
  private static final List<String> STARTER_KEYS = List.of("config-file", "close-timeout", "micrometer-bridge",
      "observation-handler");

  /**
   * A Spring Boot {@code application.yaml} example (a top-level {@code obskit:} key): its {@code
   * obskit:} subtree is what the starter hands the core, less the starter's own keys. Other
   * blocks are returned unchanged.
   */
  static String springObskitBlock(String block) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper mapper =
        new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    com.fasterxml.jackson.databind.JsonNode root;
    try {
      root = mapper.readTree(block);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      return block; // malformed on purpose: the core reports it
    }
    if (root == null || !root.isObject() || !root.has("obskit")) {
      return block;
    }
    com.fasterxml.jackson.databind.node.ObjectNode obskit = root.get("obskit").deepCopy();
    obskit.remove(STARTER_KEYS);
    return mapper.writeValueAsString(obskit);
  }

  private static void checkEnv(Map<String, String> variables) throws IOException {
    Map<String, String> env = new HashMap<>();
    variables.forEach((name, value) -> env.put(name, loopbackOnly(value)));
    String summary = startAndClose(ObservabilitySdk.builder().configFile(baseFile()).environmentVariables(env));
    for (String variable : variables.keySet()) {
      assertThat(summary).as("start-up summary: %s must be read", variable).contains("env " + variable);
    }
  }

  private static void checkSet(String key, Object value) throws IOException {
    startAndClose(ObservabilitySdk.builder().configFile(baseFile()).environmentVariables(Map.of())
        .set(key, value instanceof String s ? loopbackOnly(s) : value));
  }

  /** Builds (failing the test with the problems if the configuration is rejected) and closes; returns the summary. */
  private static String startAndClose(ObservabilitySdk.Builder builder) {
    Logger logger = Logger.getLogger("dev.obskit");
    StringBuilder logged = new StringBuilder();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.append(record.getMessage()).append('\n');
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      Observability obs = builder.build();
      obs.close(Duration.ofSeconds(2));
    } finally {
      logger.removeHandler(handler);
    }
    return logged.toString();
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private static Path baseFile() throws IOException {
    Path file = Files.createTempFile("obskit-doc-base", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, BASE);
    return file;
  }

  /** Every host in a URL becomes 127.0.0.1, every bind address too, the Prometheus port a free one. */
  static String loopbackOnly(String text) {
    String out = URL_HOST.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "127.0.0.1"));
    out = out.replace("0.0.0.0", "127.0.0.1");
    return out.replaceAll("port: *[0-9]+", "port: " + freePort());
  }

  /** Values for the ${VAR} references of an example: a loopback DSN for DSN variables, a word otherwise. */
  private static Map<String, String> variablesFor(String yaml) {
    Map<String, String> env = new HashMap<>();
    Matcher m = VARIABLE.matcher(yaml);
    while (m.find()) {
      String name = m.group(1);
      env.put(name, name.contains("DSN") ? LOOPBACK_DSN : "example");
    }
    return env;
  }

  private static Object literal(String text) {
    if (text.startsWith("\"")) {
      return text.substring(1, text.length() - 1);
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    return text.contains(".") ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
