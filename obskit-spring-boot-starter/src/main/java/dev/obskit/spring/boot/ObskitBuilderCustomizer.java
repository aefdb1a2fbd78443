package dev.obskit.spring.boot;

import dev.obskit.core.ObservabilitySdk;

/**
 * Adjusts the SDK builder before the starter builds the {@code Observability} bean: explicit
 * backend providers, settings computed in code. Applied after the {@code obskit.*} properties,
 * so a builder setting wins over them (builder &gt; {@code OBS_*} &gt; properties), in {@link
 * org.springframework.core.annotation.Order} order.
 *
 * <pre>{@code
 * @Bean
 * ObskitBuilderCustomizer release(BuildProperties build) {
 *   return builder -> builder.serviceVersion(build.getVersion());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ObskitBuilderCustomizer {
  /** Changes {@code builder}; called once, on the thread that creates the bean. */
  void customize(ObservabilitySdk.Builder builder);
}
