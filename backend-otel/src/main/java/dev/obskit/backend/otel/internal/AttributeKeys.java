package dev.obskit.backend.otel.internal;

import io.opentelemetry.api.common.AttributeKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Prebuilt {@link AttributeKey}s for attribute names set by string. {@code Span.setAttribute(String,
 * ..)} creates a key object on every call, whereas instrumented code written against OTel itself
 * keeps its keys in constants; attribute names are few and repeat, so they are cached here, one
 * map per value type. The maps are bounded: past {@link #MAX_ENTRIES} names (unbounded names are a
 * bug of the caller, but must not grow memory) keys are created per call, as OTel itself does.
 * In front of each map sits a fixed 256-slot direct-mapped array indexed by the name's identity
 * hash, the usual hit path: a constant name is the same String instance on every call. (Not
 * {@code String.hashCode()}: it inlines String's hashing loop into every caller, and the span's
 * setAttribute must stay small enough for HotSpot to inline it into application code.)
 */
final class AttributeKeys {
  static final int MAX_ENTRIES = 1024;

  private static final Cache<String> STRING = new Cache<>(AttributeKey::stringKey, MAX_ENTRIES);
  private static final Cache<Long> LONG = new Cache<>(AttributeKey::longKey, MAX_ENTRIES);
  private static final Cache<Double> DOUBLE = new Cache<>(AttributeKey::doubleKey, MAX_ENTRIES);
  private static final Cache<Boolean> BOOLEAN = new Cache<>(AttributeKey::booleanKey, MAX_ENTRIES);

  private AttributeKeys() {}

  static AttributeKey<String> string(String name) {
    return STRING.get(name);
  }

  static AttributeKey<Long> longKey(String name) {
    return LONG.get(name);
  }

  static AttributeKey<Double> doubleKey(String name) {
    return DOUBLE.get(name);
  }

  static AttributeKey<Boolean> booleanKey(String name) {
    return BOOLEAN.get(name);
  }

  /** One value type's keys, at most {@code maxEntries} of them. */
  static final class Cache<T> {
    /** Slots of a direct-mapped front cache (a power of two). */
    private static final int SLOTS = 256;

    private final ConcurrentHashMap<String, AttributeKey<T>> keys = new ConcurrentHashMap<>();
    /**
     * A direct-mapped front of {@link #keys}, indexed by the name's identity hash: a hit is one
     * array read and an identity compare of the name, cheaper than the map's look-up on every
     * attribute. Plain reads and writes: a slot holds an immutable key or null, and a stale read
     * only falls back to the map.
     */
    @SuppressWarnings("unchecked")
    private final AttributeKey<T>[] front = (AttributeKey<T>[]) new AttributeKey<?>[SLOTS];
    private final Function<String, AttributeKey<T>> factory;
    private final int maxEntries;

    Cache(Function<String, AttributeKey<T>> factory, int maxEntries) {
      this.factory = factory;
      this.maxEntries = maxEntries;
    }

    int size() {
      return keys.size();
    }

    AttributeKey<T> get(String name) {
      if (name == null) {
        return factory.apply(name); // the SDK ignores such an attribute; no map takes null
      }
      int slot = System.identityHashCode(name) & (SLOTS - 1);
      AttributeKey<T> cached = front[slot];
      if (cached != null && cached.getKey() == name) {
        return cached;
      }
      return miss(name, slot);
    }

    /**
     * Out of line so that only the hit path above is inlined into the span's setAttribute: a
     * caller whose compiled code grows past HotSpot's InlineSmallCode (2500 bytes) is no longer
     * inlined into its own callers.
     */
    private AttributeKey<T> miss(String name, int slot) {
      AttributeKey<T> key = keys.get(name);
      if (key == null) {
        key = create(name);
      }
      // Only a key made from this very String can ever hit (the hit compares by identity); a key
      // of an equal String from another call would only push a constant name's key out.
      if (key.getKey() == name) {
        front[slot] = key;
      }
      return key;
    }

    private AttributeKey<T> create(String name) {
      AttributeKey<T> key = factory.apply(name);
      // size() is approximate under races: the bound may be overshot by a few entries, never grown.
      if (keys.size() < maxEntries) {
        AttributeKey<T> raced = keys.putIfAbsent(name, key);
        return raced != null ? raced : key;
      }
      return key;
    }
  }
}
