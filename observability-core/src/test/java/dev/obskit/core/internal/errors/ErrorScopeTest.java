package dev.obskit.core.internal.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obskit.api.Breadcrumb;
import dev.obskit.api.Level;
import dev.obskit.api.SpanContext;
import dev.obskit.api.User;
import dev.obskit.core.internal.DropReporter;
import dev.obskit.core.internal.RateLimitedLogger;
import dev.obskit.core.internal.SdkSettings;
import dev.obskit.core.internal.SelfMetricsRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scope's own bookkeeping: forks share, changes stay local, bounds count, snapshots are cached. */
class ErrorScopeTest {
  private final SelfMetricsRegistry metrics = new SelfMetricsRegistry();
  private final DropReporter drops =
      new DropReporter(metrics, new RateLimitedLogger(System.getLogger("test"), Duration.ofHours(1)));
  private final SdkSettings.Limits limits = new SdkSettings.Limits(255, 4096, 1000, Duration.ofHours(1), 3, 2, 2);

  @Test
  void aForkSharesItsParentsEntriesAndKeepsItsChangesToItself() {
    ErrorScope process = new ErrorScope(drops, limits);
    process.setTag("region", "eu");
    process.setTag("tier", "gold");
    process.setContext("app", Map.of("v", 1));
    process.setUser(User.id("svc"));

    ErrorScope request = process.fork();
    assertThat(request.snapshot().tags()).isSameAs(process.snapshot().tags());
    request.setTag("tier", null);
    request.setTag("route", "/a");
    request.setTag("region", "us");
    request.setContext("app", null);
    request.setUser(User.id("alice"));

    assertThat(request.snapshot().tags()).containsOnly(Map.entry("region", "us"), Map.entry("route", "/a"));
    assertThat(request.snapshot().contexts()).isEmpty();
    assertThat(request.snapshot().user().id()).isEqualTo("alice");
    assertThat(process.snapshot().tags()).containsOnly(Map.entry("region", "eu"), Map.entry("tier", "gold"));
    assertThat(process.snapshot().contexts()).containsKey("app");
    assertThat(process.snapshot().user().id()).isEqualTo("svc");
    // Removing and setting again after a snapshot keeps the view right.
    request.setTag("tier", "silver");
    assertThat(request.snapshot().tags()).containsEntry("tier", "silver").hasSize(3);
  }

  @Test
  void boundsCountInheritedEntriesAndUpdatesAreAlwaysAccepted() {
    ErrorScope process = new ErrorScope(drops, limits);
    process.setTag("a", "1");
    process.setTag("b", "1");
    ErrorScope request = process.fork();
    assertThat(request.setTag("c", "1")).isTrue();
    assertThat(request.setTag("d", "1")).isFalse();
    assertThat(request.setTag("a", "2")).isTrue();
    request.setTag("b", null);
    assertThat(request.setTag("d", "1")).isTrue();
    assertThat(request.snapshot().tags()).containsOnlyKeys("a", "c", "d");
    assertThat(metrics.get("dropped.scope_tag_limit")).isEqualTo(1);

    assertThat(request.setContext("x", Map.of())).isTrue();
    assertThat(request.setContext("y", Map.of())).isTrue();
    assertThat(request.setContext("z", Map.of())).isFalse();
    assertThat(metrics.get("dropped.scope_context_limit")).isEqualTo(1);
  }

  @Test
  void breadcrumbsAreNotInheritedAndTheOldestGoFirst() {
    ErrorScope process = new ErrorScope(drops, limits);
    process.addBreadcrumb(crumb("process"));
    ErrorScope request = process.fork();
    assertThat(request.snapshot().breadcrumbs()).isEmpty();
    request.addBreadcrumb(crumb("one"));
    request.addBreadcrumb(crumb("two"));
    request.addBreadcrumb(crumb("three"));
    assertThat(request.snapshot().breadcrumbs()).extracting(Breadcrumb::category).containsExactly("two", "three");
    assertThat(metrics.get("dropped.scope_breadcrumb_limit")).isEqualTo(1);
  }

  @Test
  void aSnapshotIsSharedUntilTheNextChange() {
    ErrorScope scope = new ErrorScope(drops, limits);
    scope.setTag("a", "1");
    ErrorScope.Snapshot first = scope.snapshot();
    assertThat(scope.snapshot()).isSameAs(first);
    scope.setTag("a", "2");
    assertThat(scope.snapshot()).isNotSameAs(first);
    assertThat(first.tags()).containsEntry("a", "1");
  }

  private static Breadcrumb crumb(String name) {
    return Breadcrumb.of(name, name, Level.INFO, Map.of(), SpanContext.invalid(), 1L);
  }
}
