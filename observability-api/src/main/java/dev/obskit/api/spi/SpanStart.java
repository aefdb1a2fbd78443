package dev.obskit.api.spi;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Everything known when a span starts. The parent is resolved once: either the core resolved it
 * ({@link #parent()}: explicit, possibly remote, or {@link SpanContext#invalid()} for a root), or,
 * for a primary that {@linkplain SpanSink#ownsContext() owns the context}, it is the span current
 * in that sink's context ({@link #parentIsCurrent()}).
 *
 * <p>For the primary trace backend {@link #assignedContext()} is invalid and the sink assigns
 * ids (and makes the sampling decision). For a mirror it holds the primary's ids and sampled
 * flag, which the mirror must reuse unchanged.
 */
public final class SpanStart {
  private final String name;
  private final SpanKind kind;
  private final SpanContext parent;
  private final List<SpanContext> links;
  private final Map<String, Object> attributes;
  private final boolean parentIsCurrent;
  private final OptionalLong startEpochNanos;
  private final SpanContext assignedContext;
  private final Supplier<ScopeData> scope;

  private SpanStart(Builder b) {
    this.name = b.name;
    this.kind = b.kind;
    this.parent = b.parent;
    this.parentIsCurrent = b.parentIsCurrent;
    // Most spans have neither links nor start attributes: share the empty collections.
    this.links = b.links == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.links));
    this.attributes = b.attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.startEpochNanos = b.startEpochNanos;
    this.assignedContext = b.assignedContext;
    this.scope = b.scope;
  }

  private SpanStart(String name, SpanKind kind, SpanContext parent, boolean parentIsCurrent, Supplier<ScopeData> scope) {
    this.name = Objects.requireNonNull(name, "name");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.parent = Objects.requireNonNull(parent, "parent");
    this.parentIsCurrent = parentIsCurrent;
    this.links = List.of();
    this.attributes = Map.of();
    this.startEpochNanos = OptionalLong.empty();
    this.assignedContext = SpanContext.invalid();
    this.scope = Objects.requireNonNull(scope, "scope");
  }

  /**
   * A start without links, start attributes, start time or assigned ids: the common case, built
   * without a builder. Equal to {@code builder(name).kind(kind).parent(parent).scope(scope).build()}.
   *
   * @param name the span name
   * @param kind the span kind
   * @param parent the resolved parent, {@link SpanContext#invalid()} for a root
   * @param scope the scope the span starts in (see {@link #scope()})
   * @throws NullPointerException if an argument is null, as the builder's setters do
   */
  public static SpanStart of(String name, SpanKind kind, SpanContext parent, Supplier<ScopeData> scope) {
    return new SpanStart(name, kind, parent, false, scope);
  }

  /**
   * {@link #of} for a span whose parent is the span current in the primary's own context (see
   * {@link #parentIsCurrent()}); equal to {@code builder(name).kind(kind).parentIsCurrent().scope(scope).build()}.
   */
  public static SpanStart ofCurrentParent(String name, SpanKind kind, Supplier<ScopeData> scope) {
    return new SpanStart(name, kind, SpanContext.invalid(), true, scope);
  }

  /** A builder. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The span name. */
  public String name() {
    return name;
  }

  /** The kind. */
  public SpanKind kind() {
    return kind;
  }

  /** The parent, or invalid for a root span (and when {@link #parentIsCurrent()}). */
  public SpanContext parent() {
    return parent;
  }

  /**
   * Whether the parent is the span current in the sink's own context, as it is when the span
   * starts (OpenTelemetry's {@code Context.current()}), and no parent at all if none is current.
   * Only a primary that {@linkplain SpanSink#ownsContext() owns the context} gets a start like
   * this; every other sink gets the resolved parent in {@link #parent()}.
   */
  public boolean parentIsCurrent() {
    return parentIsCurrent;
  }

  /** Links to other spans. */
  public List<SpanContext> links() {
    return links;
  }

  /** Attributes given at start: String, Long, Double or Boolean values. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /**
   * The start time in nanoseconds since the epoch, or empty: then the span starts now, by the
   * sink's own clock (see {@link SpanHandle} on times; a sink without one reads {@link SpanClock}).
   */
  public OptionalLong startEpochNanos() {
    return startEpochNanos;
  }

  /** Ids assigned by the primary (for mirrors), or invalid (for the primary). */
  public SpanContext assignedContext() {
    return assignedContext;
  }

  /**
   * The scope the span started in ({@link dev.obskit.api.Observability#isolate()}, else the
   * process-wide one). Each call reads the scope as it is then: a backend that sends scope data
   * with a transaction (Sentry) calls it when the span ends, so that a user set during the
   * request is there. Empty for spans started outside the SDK's knowledge.
   */
  public Supplier<ScopeData> scope() {
    return scope;
  }

  /** A builder holding these values. */
  public Builder toBuilder() {
    Builder b = new Builder(name).kind(kind).parent(parent).assignedContext(assignedContext).scope(scope);
    b.parentIsCurrent = parentIsCurrent;
    b.startEpochNanos = startEpochNanos;
    links.forEach(b::link);
    attributes.forEach(b::attribute);
    return b;
  }

  @Override
  public String toString() {
    return "SpanStart{" + name + ", kind=" + kind + ", parent="
        + (parentIsCurrent ? "current" : parent.isValid() ? parent.spanId() : "root") + '}';
  }

  /** Builds a {@link SpanStart}. */
  public static final class Builder {
    private final String name;
    private SpanKind kind = SpanKind.INTERNAL;
    private SpanContext parent = SpanContext.invalid();
    private boolean parentIsCurrent;
    private List<SpanContext> links;
    private Map<String, Object> attributes;
    private OptionalLong startEpochNanos = OptionalLong.empty();
    private SpanContext assignedContext = SpanContext.invalid();
    private Supplier<ScopeData> scope = EmptyScopeData.SUPPLIER;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /** Sets the kind. */
    public Builder kind(SpanKind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
      return this;
    }

    /** Sets the parent (invalid: a root span). */
    public Builder parent(SpanContext parent) {
      this.parent = Objects.requireNonNull(parent, "parent");
      this.parentIsCurrent = false;
      return this;
    }

    /** The parent is the span current in the sink's own context (see {@link SpanStart#parentIsCurrent()}). */
    public Builder parentIsCurrent() {
      this.parent = SpanContext.invalid();
      this.parentIsCurrent = true;
      return this;
    }

    /** Adds a link. */
    public Builder link(SpanContext link) {
      Objects.requireNonNull(link, "link");
      if (links == null) {
        links = new ArrayList<>(2);
      }
      links.add(link);
      return this;
    }

    /** Sets an attribute (String, Long, Double or Boolean). */
    public Builder attribute(String key, Object value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      if (attributes == null) {
        attributes = new LinkedHashMap<>();
      }
      attributes.put(key, value);
      return this;
    }

    /** Sets the start time (without one the span starts when the sink starts it). */
    public Builder startEpochNanos(long startEpochNanos) {
      this.startEpochNanos = OptionalLong.of(startEpochNanos);
      return this;
    }

    /** Sets the ids assigned by the primary. */
    public Builder assignedContext(SpanContext assignedContext) {
      this.assignedContext = Objects.requireNonNull(assignedContext, "assignedContext");
      return this;
    }

    /** Sets the scope the span starts in (see {@link SpanStart#scope()}). */
    public Builder scope(Supplier<ScopeData> scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /** The start description. */
    public SpanStart build() {
      return new SpanStart(this);
    }
  }
}
