package dev.obskit.spring.boot.observation;

import java.util.ArrayList;
import java.util.List;
import org.springframework.util.ClassUtils;

/** The Micrometer Tracing bridges (Spring Boot's own tracing) present on the class path. */
final class TracingBridges {
  private TracingBridges() {}

  static List<String> present(ClassLoader loader) {
    List<String> found = new ArrayList<>();
    if (ClassUtils.isPresent("io.micrometer.tracing.otel.bridge.OtelTracer", loader)) {
      found.add("micrometer-tracing-bridge-otel");
    }
    if (ClassUtils.isPresent("io.micrometer.tracing.brave.bridge.BraveTracer", loader)) {
      found.add("micrometer-tracing-bridge-brave");
    }
    return found;
  }
}
