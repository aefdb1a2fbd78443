package dev.obskit.adversarial;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inputs an application can hand the facade by mistake: cyclic, shared, throwing. Plain JDK
 * collections on purpose: their own {@code toString} and {@code hashCode} recurse forever on these
 * shapes, which is what the SDK must never call.
 */
final class Hostile {
  private Hostile() {}

  /** {@code m = {a: m, b: m}}: a map inside itself, twice (expanding it naively is exponential). */
  static Map<String, Object> selfDag() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", m);
    m.put("b", m);
    return m;
  }

  /** A map holding a list holding the map (a cycle {@code toString} cannot detect). */
  static Map<String, Object> cycleThroughList() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Object> l = new ArrayList<>();
    l.add(m);
    m.put("list", l);
    m.put("n", 1);
    return m;
  }

  /** The list of {@link #cycleThroughList()}. */
  static List<Object> cyclicList() {
    return (List<Object>) cycleThroughList().get("list");
  }

  /** A map whose every read throws {@code error}: an Error, not a RuntimeException. */
  static <V> Map<String, V> throwing(Error error) {
    return new AbstractMap<>() {
      @Override
      public Set<Entry<String, V>> entrySet() {
        throw error;
      }

      @Override
      public int size() {
        return 1;
      }

      @Override
      public String toString() {
        return "a map that throws " + error;
      }

      @Override
      public boolean isEmpty() {
        return false;
      }
    };
  }

  /** A value whose {@code toString} throws an Error. */
  static Object throwingToString() {
    return new Object() {
      @Override
      public String toString() {
        throw new AssertionError("toString of a value the application passed");
      }

      @Override
      public int hashCode() {
        return 1;
      }
    };
  }
}
