package dev.obskit.core.internal;

import dev.obskit.api.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds backend providers: explicit ones from the builder, then {@link ServiceLoader}. A broken
 * service entry is skipped with a warning instead of failing the application; two discovered
 * providers with one name are reported and the one whose class name sorts first wins, so the
 * choice does not depend on class-path order.
 */
public final class Discovery {
  /** Guards against a ServiceLoader iterator that keeps failing on the same entry. */
  private static final int MAX_ERRORS = 64;

  private final System.Logger logger;

  public Discovery(System.Logger logger) {
    this.logger = logger;
  }

  /** Providers by lower-case name; explicit ones win over discovered ones. */
  public Map<String, BackendProvider> discover(List<BackendProvider> explicit, ClassLoader loader) {
    Map<String, List<BackendProvider>> found = new TreeMap<>();
    for (BackendProvider p : load(loader)) {
      String name = nameOf(p);
      if (name != null) {
        found.computeIfAbsent(name, n -> new ArrayList<>()).add(p);
      }
    }
    Map<String, BackendProvider> result = new LinkedHashMap<>();
    found.forEach((name, providers) -> {
      providers.sort(Comparator.comparing(p -> p.getClass().getName()));
      if (providers.size() > 1) {
        List<String> classes = new ArrayList<>();
        providers.forEach(p -> classes.add(p.getClass().getName()));
        logger.log(System.Logger.Level.WARNING, "obskit found " + providers.size() + " backend providers named '"
            + name + "' on the class path: " + classes + "; using " + classes.get(0)
            + " (first by class name). Remove the duplicate jar, or pass the one you want with builder.provider(..)");
      }
      result.put(name, providers.get(0));
    });
    Map<String, BackendProvider> explicitByName = new LinkedHashMap<>();
    for (BackendProvider p : explicit) {
      String name = nameOf(p);
      if (name == null) {
        continue;
      }
      if (explicitByName.put(name, p) != null) {
        logger.log(System.Logger.Level.WARNING, "obskit: builder.provider(..) was given two providers named '" + name
            + "'; using the last one, " + p.getClass().getName());
      }
    }
    explicitByName.forEach((name, p) -> {
      BackendProvider replaced = result.put(name, p);
      if (replaced != null && replaced.getClass() != p.getClass()) {
        logger.log(System.Logger.Level.DEBUG, "obskit: explicit provider " + p.getClass().getName()
            + " replaces discovered " + replaced.getClass().getName() + " for '" + name + "'");
      }
    });
    return result;
  }

  private List<BackendProvider> load(ClassLoader loader) {
    List<BackendProvider> out = new ArrayList<>();
    Iterator<BackendProvider> it;
    try {
      it = ServiceLoader.load(BackendProvider.class, loader).iterator();
    } catch (ServiceConfigurationError e) {
      warnBroken(e);
      return out;
    }
    int errors = 0;
    while (errors < MAX_ERRORS) {
      try {
        if (!it.hasNext()) {
          break;
        }
        out.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        errors++;
        warnBroken(e);
      }
    }
    return out;
  }

  private void warnBroken(Throwable e) {
    logger.log(System.Logger.Level.WARNING, "obskit skipped a backend provider that cannot be loaded: "
        + e.getMessage() + " (check META-INF/services/" + BackendProvider.class.getName() + " and the jar versions)");
  }

  private String nameOf(BackendProvider p) {
    try {
      String name = p.name();
      if (name == null || name.isBlank()) {
        logger.log(System.Logger.Level.WARNING, "obskit skipped backend provider " + p.getClass().getName()
            + ": its name() is blank");
        return null;
      }
      return name.trim().toLowerCase(Locale.ROOT);
    } catch (RuntimeException | LinkageError e) {
      logger.log(System.Logger.Level.WARNING, "obskit skipped backend provider " + p.getClass().getName()
          + ": name() threw " + e);
      return null;
    }
  }
}
