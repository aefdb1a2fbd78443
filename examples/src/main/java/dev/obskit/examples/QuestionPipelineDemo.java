package dev.obskit.examples;

import dev.obskit.api.Observability;
import dev.obskit.core.ConfigurationException;
import dev.obskit.core.ObservabilitySdk;
import dev.obskit.logging.ObskitLogging;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the question pipeline once and prints its {@link RunSummary}.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile -Ddemo                          # everything to the console
 * ./mvnw -q -pl examples -am compile -Ddemo -Dexec.args="--config my.yaml"
 * </pre>
 *
 * <p>Without {@code --config} the bundled {@code observability.yaml} routes every signal to the
 * console backend; with it, the same pipeline reports wherever that file routes it.
 */
public final class QuestionPipelineDemo {
  /** The example's service name (set in the bundled observability.yaml). */
  public static final String SERVICE_NAME = "question-service";

  private QuestionPipelineDemo() {}

  /** Entry point; {@code --config PATH} selects another configuration file. */
  public static void main(String[] args) {
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        config = Path.of(args[++i]);
      } else if (args[i].startsWith("--config=")) {
        config = Path.of(args[i].substring("--config=".length()));
      } else {
        System.err.println("usage: QuestionPipelineDemo [--config PATH]");
        System.exit(2);
      }
    }
    if (config != null && !Files.isReadable(config)) {
      System.err.println("cannot read configuration file " + config.toAbsolutePath());
      System.exit(2);
    }
    Observability obs;
    try {
      obs = open(config);
    } catch (ConfigurationException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    RunSummary summary = new QuestionPipeline(obs, 42).run(QuestionPipeline.DEFAULT_ITEMS);
    // Flushes the metric summary and anything buffered, against one deadline.
    obs.close(Duration.ofSeconds(5));
    System.out.print(summary.render());
  }

  /** The SDK configured from {@code config}, or from the bundled console configuration. */
  static Observability open(Path config) {
    // The service name comes from the file (service.name), so a --config file can set its own.
    var builder = ObservabilitySdk.builder();
    if (config != null) {
      builder.configFile(config);
    } else {
      builder.configYaml(bundledConfig());
    }
    Observability obs = builder.build();
    // The Logback appender and MDC filter of logback.xml feed (and read the spans of) this SDK.
    ObskitLogging.install(obs);
    return obs;
  }

  static String bundledConfig() {
    try (InputStream in = QuestionPipelineDemo.class.getResourceAsStream("/observability.yaml")) {
      if (in == null) {
        throw new IllegalStateException("observability.yaml is missing from the examples jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
