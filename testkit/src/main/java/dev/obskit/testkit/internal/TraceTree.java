package dev.obskit.testkit.internal;

import dev.obskit.testkit.RecordedSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tree of span names, recorded or expected, in the compact notation {@code pipeline >
 * [generate, evaluate > [judge]]}: a name, then optionally {@code >} and its children in
 * brackets (a single child needs no brackets: {@code a > b}).
 *
 * @param span the recorded span, or null for an expected tree
 */
public record TraceTree(String name, RecordedSpan span, List<TraceTree> children) {

  /**
   * The trees of {@code spans}: one per span whose parent was not recorded. Children are sorted
   * by start time (ties keep the order given).
   */
  public static List<TraceTree> of(List<RecordedSpan> spans) {
    Map<String, List<RecordedSpan>> byParent = new LinkedHashMap<>();
    Map<String, RecordedSpan> byId = new LinkedHashMap<>();
    for (RecordedSpan s : spans) {
      byId.put(key(s.traceId(), s.spanId()), s);
    }
    List<RecordedSpan> roots = new ArrayList<>();
    for (RecordedSpan s : spans) {
      String parentKey = s.isRoot() ? null : key(s.traceId(), s.parentSpanId());
      if (parentKey == null || !byId.containsKey(parentKey)) {
        roots.add(s);
      } else {
        byParent.computeIfAbsent(parentKey, k -> new ArrayList<>()).add(s);
      }
    }
    roots.sort(ORDER);
    List<TraceTree> trees = new ArrayList<>();
    for (RecordedSpan root : roots) {
      trees.add(build(root, byParent));
    }
    return trees;
  }

  private static final Comparator<RecordedSpan> ORDER =
      Comparator.comparingLong(RecordedSpan::startEpochNanos);

  private static TraceTree build(RecordedSpan span, Map<String, List<RecordedSpan>> byParent) {
    List<RecordedSpan> kids = new ArrayList<>(byParent.getOrDefault(key(span.traceId(), span.spanId()), List.of()));
    kids.sort(ORDER);
    List<TraceTree> children = new ArrayList<>();
    for (RecordedSpan k : kids) {
      children.add(build(k, byParent));
    }
    return new TraceTree(span.name(), span, List.copyOf(children));
  }

  private static String key(String traceId, String spanId) {
    return traceId + '/' + spanId;
  }

  /**
   * Parses the compact notation.
   *
   * @throws IllegalArgumentException with the position of the problem
   */
  public static TraceTree parse(String shape) {
    Parser p = new Parser(shape);
    TraceTree tree = p.tree();
    p.skipSpaces();
    if (p.pos != shape.length()) {
      throw p.error("unexpected '" + shape.charAt(p.pos) + "'");
    }
    return tree;
  }

  /**
   * Whether this recorded tree has exactly the expected shape: same name and, recursively, the
   * same children in any order.
   */
  public boolean matches(TraceTree expected) {
    if (!name.equals(expected.name) || children.size() != expected.children.size()) {
      return false;
    }
    return assign(expected.children, 0, new boolean[children.size()]);
  }

  /** Backtracking match of expected children to distinct recorded children (trees are small). */
  private boolean assign(List<TraceTree> expected, int index, boolean[] used) {
    if (index == expected.size()) {
      return true;
    }
    for (int i = 0; i < children.size(); i++) {
      if (!used[i] && children.get(i).matches(expected.get(index))) {
        used[i] = true;
        if (assign(expected, index + 1, used)) {
          return true;
        }
        used[i] = false;
      }
    }
    return false;
  }

  /** This tree in the compact notation. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    render(sb);
    return sb.toString();
  }

  private void render(StringBuilder sb) {
    sb.append(name);
    if (span != null && !span.ended()) {
      sb.append(" (open)");
    }
    if (children.isEmpty()) {
      return;
    }
    sb.append(" > [");
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      children.get(i).render(sb);
    }
    sb.append(']');
  }

  @Override
  public String toString() {
    return render();
  }

  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    TraceTree tree() {
      String name = name();
      skipSpaces();
      List<TraceTree> children = new ArrayList<>();
      if (pos < text.length() && text.charAt(pos) == '>') {
        pos++;
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == '[') {
          pos++;
          do {
            skipSpaces();
            children.add(tree());
            skipSpaces();
          } while (consume(','));
          if (!consume(']')) {
            throw error("expected ',' or ']'");
          }
        } else {
          children.add(tree());
        }
      }
      return new TraceTree(name, null, List.copyOf(children));
    }

    private String name() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && ",[]>".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      String name = text.substring(start, pos).trim();
      if (name.isEmpty()) {
        throw error("expected a span name");
      }
      return name;
    }

    private boolean consume(char c) {
      skipSpaces();
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    void skipSpaces() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("bad trace shape at position " + pos + ": " + what + " in \"" + text
          + "\" (write it like: pipeline > [generate, evaluate > [judge]])");
    }
  }
}
