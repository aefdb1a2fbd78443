package dev.obskit.it.junit;

import dev.obskit.it.peers.Peers;
import dev.obskit.it.peers.SpotlightPeer;
import dev.obskit.it.peers.ZipkinPeer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs the real peers for tests annotated with {@link RequiresPeers}.
 *
 * <ul>
 *   <li>Missing peer: the class is skipped with a message naming {@code it/peers/install.sh}
 *       ({@link Peer#notInstalledMessage()}); with {@code CI=true} in the environment the class
 *       fails instead, because CI must never pass by skipping.
 *   <li>{@link ZipkinPeer} and {@link SpotlightPeer} parameters: one instance each for the whole
 *       test run (Zipkin takes ~7 s and ~230 MB to start), kept in the root store and stopped
 *       when the run ends; tests tell their data apart by trace id or a run id.
 *   <li>{@link PrometheusLauncher} parameter: Prometheus needs its scrape targets up front, so
 *       tests start it themselves; every server started through a launcher stops when the scope
 *       that received the launcher ends (the class, for a {@code @BeforeAll} parameter).
 * </ul>
 */
public final class PeersExtension implements ExecutionCondition, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(PeersExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<RequiresPeers> required = context.getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresPeers.class));
    if (required.isEmpty()) {
      return ConditionEvaluationResult.enabled("no peers required");
    }
    List<String> missing = new ArrayList<>();
    for (Peer peer : required.get().value()) {
      // Throws under CI=true: a missing peer there is a failure, never a skip.
      if (!Peers.assumeInstalledOrFail(peer.what(), peer.installed())) {
        missing.add(peer.notInstalledMessage());
      }
    }
    return missing.isEmpty()
        ? ConditionEvaluationResult.enabled("peers installed: " + Arrays.toString(required.get().value()))
        : ConditionEvaluationResult.disabled("skipped: " + String.join("; ", missing));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == ZipkinPeer.class || type == SpotlightPeer.class || type == PrometheusLauncher.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    requireDeclared(type, context);
    if (type == ZipkinPeer.class) {
      return shared(context, ZipkinPeer.class);
    }
    if (type == SpotlightPeer.class) {
      return shared(context, SpotlightPeer.class);
    }
    // A new launcher per scope: what it starts is closed with that scope's store.
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(PrometheusLauncher.class,
        k -> new PrometheusLauncher(), PrometheusLauncher.class);
  }

  /** The run-wide instance of {@code type}; values in the root store that are AutoCloseable are closed when the run ends. */
  private static <P> P shared(ExtensionContext context, Class<P> type) {
    return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(type, PeersExtension::start, type);
  }

  private static <P> P start(Class<P> type) {
    if (type == ZipkinPeer.class) {
      return type.cast(ZipkinPeer.start());
    }
    if (type == SpotlightPeer.class) {
      return type.cast(SpotlightPeer.start());
    }
    throw new IllegalArgumentException("not a shared peer: " + type);
  }

  /** A parameter must be covered by the class's {@link RequiresPeers}, so that the skip/fail rule ran for it. */
  private static void requireDeclared(Class<?> type, ExtensionContext context) {
    Peer peer = type == ZipkinPeer.class ? Peer.ZIPKIN : type == SpotlightPeer.class ? Peer.SPOTLIGHT : Peer.PROMETHEUS;
    boolean declared = context.getTestClass()
        .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresPeers.class))
        .map(r -> Arrays.asList(r.value()).contains(peer))
        .orElse(false);
    if (!declared) {
      throw new ParameterResolutionException(type.getSimpleName() + " parameter needs @RequiresPeers({..., Peer."
          + peer + "}) on " + context.getTestClass().map(Class::getName).orElse("the test class"));
    }
  }
}
