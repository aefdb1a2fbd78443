package dev.obskit.spring.boot.observation;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@code obskit.observation-handler}: {@code true} registers obskit's handler, {@code false}
 * does not, {@code auto} (the default) registers it unless a Micrometer Tracing bridge is on the
 * class path, since that bridge already traces every observation and two tracers would record
 * every request twice with different ids.
 */
final class ObservationHandlerCondition extends SpringBootCondition {
  static final String PROPERTY = "obskit.observation-handler";

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String value = context.getEnvironment().getProperty(PROPERTY, "auto").trim();
    if (value.equalsIgnoreCase("true")) {
      return ConditionOutcome.match(PROPERTY + "=true");
    }
    if (value.equalsIgnoreCase("false")) {
      return ConditionOutcome.noMatch(PROPERTY + "=false");
    }
    List<String> bridges = TracingBridges.present(context.getClassLoader());
    return bridges.isEmpty()
        ? ConditionOutcome.match("no Micrometer Tracing bridge on the class path")
        : ConditionOutcome.noMatch("Micrometer Tracing traces observations already (" + bridges + ")");
  }
}
