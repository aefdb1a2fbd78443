package dev.obskit.integration.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Observability;
import dev.obskit.core.ObservabilitySdk;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Java 21's lifecycle methods of {@link HttpClient} (shutdown, shutdownNow, awaitTermination,
 * isTerminated, close) reach the real JDK client through the wrapper. The build runs this on
 * Java 17, where the methods must exist on the wrapper and do nothing; run on Java 21+ (surefire's
 * {@code -Djvm=<a JDK 21+ java>}) it proves the real client is released.
 */
class ObservedHttpClientLifecycleTest {
  private final Observability obs =
      ObservabilitySdk.builder().serviceName("caller").environmentVariables(Map.of()).build();

  @AfterEach
  void stop() {
    obs.close();
  }

  @Test
  void theWrapperDeclaresJava21sLifecycleMethods() throws Exception {
    assertPublic("shutdown", void.class);
    assertPublic("shutdownNow", void.class);
    assertPublic("awaitTermination", boolean.class, Duration.class);
    assertPublic("isTerminated", boolean.class);
    assertPublic("close", void.class);
  }

  private static void assertPublic(String name, Class<?> returns, Class<?>... parameters) throws Exception {
    Method m = ObservedHttpClient.class.getDeclaredMethod(name, parameters);
    assertThat(Modifier.isPublic(m.getModifiers())).as(name).isTrue();
    assertThat(m.getReturnType()).as(name).isEqualTo(returns);
  }

  @Test
  void closingTheWrapperReleasesTheRealClient() throws Exception {
    HttpClient real = HttpClient.newHttpClient();
    HttpClient wrapped = ObservedHttpClient.wrap(real, obs);

    call(wrapped, "close");

    if (Runtime.version().feature() >= 21) {
      assertThat((boolean) call(real, "isTerminated")).as("the real client terminated").isTrue();
      assertThat((boolean) call(wrapped, "isTerminated")).isTrue();
    } else {
      // Nothing to release before Java 21: the wrapper's methods are harmless no-ops.
      assertThat((boolean) call(wrapped, "isTerminated")).isFalse();
    }
  }

  @Test
  void shutdownAndAwaitTerminationReachTheRealClient() throws Exception {
    HttpClient real = HttpClient.newHttpClient();
    HttpClient wrapped = ObservedHttpClient.wrap(real, obs);

    call(wrapped, "shutdown");
    boolean terminated = (boolean) ObservedHttpClient.class.getMethod("awaitTermination", Duration.class)
        .invoke(wrapped, Duration.ofSeconds(10));

    if (Runtime.version().feature() >= 21) {
      assertThat(terminated).isTrue();
      assertThat((boolean) call(real, "isTerminated")).isTrue();
    } else {
      assertThat(terminated).isFalse();
    }
  }

  @Test
  void shutdownNowReachesTheRealClient() throws Exception {
    HttpClient real = HttpClient.newHttpClient();
    HttpClient wrapped = ObservedHttpClient.wrap(real, obs);

    call(wrapped, "shutdownNow");

    if (Runtime.version().feature() >= 21) {
      boolean terminated = (boolean) HttpClient.class.getMethod("awaitTermination", Duration.class)
          .invoke(real, Duration.ofSeconds(10));
      assertThat(terminated).as("the real client terminated").isTrue();
    } else {
      assertThat((boolean) call(wrapped, "isTerminated")).isFalse();
    }
  }

  /** Calls a no-argument public method found on the object's class (Java 21's only exist there). */
  private static Object call(Object target, String name) throws Exception {
    Method m = target instanceof ObservedHttpClient ? ObservedHttpClient.class.getMethod(name)
        : HttpClient.class.getMethod(name);
    return m.invoke(target);
  }
}
