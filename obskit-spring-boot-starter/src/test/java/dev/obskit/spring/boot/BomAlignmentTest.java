package dev.obskit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * observability-bom repeats the root pom's versions of the libraries Spring Boot also manages
 * (it has no parent, so that importing it imports nothing else). They must stay equal, or an
 * application would run obskit on versions it was not built with.
 */
class BomAlignmentTest {
  private static final List<String> SHARED = List.of("opentelemetry.version", "opentelemetry-alpha.version",
      "opentelemetry-prometheus.version", "prometheus-client.version", "micrometer.version");

  @Test
  void theBomNamesTheVersionsTheBuildUses() throws Exception {
    Path root = Path.of(System.getProperty("user.dir")).getParent();
    String rootPom = Files.readString(root.resolve("pom.xml"));
    String bom = Files.readString(root.resolve("observability-bom/pom.xml"));
    for (String property : SHARED) {
      assertThat(property(bom, property)).as(property).isNotNull().isEqualTo(property(rootPom, property));
    }
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">").matcher(pom);
    return m.find() ? m.group(1).trim() : null;
  }
}
