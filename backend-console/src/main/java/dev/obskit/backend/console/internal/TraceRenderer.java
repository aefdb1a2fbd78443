package dev.obskit.backend.console.internal;

import dev.obskit.api.SpanContext;
import dev.obskit.api.SpanKind;
import dev.obskit.api.SpanStatus;
import dev.obskit.api.spi.Scrubber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws the spans of one trace as an indented ASCII tree (ASCII because the console encoding of
 * a JVM is often not UTF-8): duration in milliseconds, status, compact attributes, events.
 */
public final class TraceRenderer {
  private final Style style;
  private final Scrubber scrubber;

  public TraceRenderer(Style style, Scrubber scrubber) {
    this.style = style;
    this.scrubber = scrubber;
  }

  /**
   * Renders {@code spans} (all of one trace). Spans whose parent is not among them are drawn as
   * roots: the local root normally, or orphans of an {@code incomplete} trace.
   */
  String render(List<SpanRecord> spans, boolean incomplete, String notes) {
    String nl = System.lineSeparator();
    Set<String> ids = new HashSet<>();
    for (SpanRecord s : spans) {
      ids.add(s.context.spanId());
    }
    Map<String, List<SpanRecord>> children = new HashMap<>();
    List<SpanRecord> roots = new ArrayList<>();
    for (SpanRecord s : spans) {
      if (s.parent.isValid() && ids.contains(s.parent.spanId()) && !s.parent.spanId().equals(s.context.spanId())) {
        children.computeIfAbsent(s.parent.spanId(), k -> new ArrayList<>()).add(s);
      } else {
        roots.add(s);
      }
    }
    Comparator<SpanRecord> byStart = Comparator.comparingLong(s -> s.startNanos);
    roots.sort(byStart);
    children.values().forEach(l -> l.sort(byStart));

    SpanRecord first = roots.get(0);
    boolean anyError = false;
    for (SpanRecord s : spans) {
      anyError |= s.status == SpanStatus.ERROR;
    }
    StringBuilder sb = new StringBuilder(256 + spans.size() * 96);
    sb.append(style.bold("TRACE " + first.context.traceId())).append("  ").append(first.name).append("  ")
        .append(Format.millis(first.durationNanos())).append("  ").append(spans.size()).append(spans.size() == 1 ? " span" : " spans");
    if (anyError) {
      sb.append("  ").append(style.boldRed("ERROR"));
    }
    if (first.parent.isValid() && first.parent.isRemote()) {
      sb.append(style.dim("  (remote parent " + first.parent.spanId() + ")"));
    }
    if (incomplete) {
      sb.append(style.yellow("  INCOMPLETE: the local root never ended before close"));
    }
    sb.append(nl);
    for (int i = 0; i < roots.size(); i++) {
      boolean last = i == roots.size() - 1;
      if (incomplete) {
        drawChild(sb, roots.get(i), "", last, children, nl);
      } else {
        drawRoot(sb, roots.get(i), children, nl);
      }
    }
    if (notes != null && !notes.isEmpty()) {
      sb.append(style.yellow("  ! " + notes)).append(nl);
    }
    return sb.toString();
  }

  private void drawRoot(StringBuilder sb, SpanRecord root, Map<String, List<SpanRecord>> children, String nl) {
    sb.append(spanLine(root)).append(nl);
    drawBody(sb, root, "", children, nl);
  }

  private void drawChild(StringBuilder sb, SpanRecord span, String prefix, boolean last,
      Map<String, List<SpanRecord>> children, String nl) {
    sb.append(style.dim(prefix + (last ? "`-- " : "|-- "))).append(spanLine(span)).append(nl);
    drawBody(sb, span, prefix + (last ? "    " : "|   "), children, nl);
  }

  private void drawBody(StringBuilder sb, SpanRecord span, String prefix, Map<String, List<SpanRecord>> children, String nl) {
    List<SpanRecord> kids = children.getOrDefault(span.context.spanId(), List.of());
    String eventPrefix = prefix + (kids.isEmpty() ? "    " : "|   ");
    for (SpanRecord.Event e : span.events) {
      sb.append(style.dim(eventPrefix)).append(eventLine(span, e)).append(nl);
    }
    if (span.droppedEvents > 0) {
      sb.append(style.dim(eventPrefix + "* (" + span.droppedEvents + " more events not kept)")).append(nl);
    }
    for (int i = 0; i < kids.size(); i++) {
      drawChild(sb, kids.get(i), prefix, i == kids.size() - 1, children, nl);
    }
  }

  private String spanLine(SpanRecord s) {
    StringBuilder sb = new StringBuilder(96);
    sb.append(s.status == SpanStatus.ERROR ? style.boldRed(s.name) : s.name);
    sb.append("  ").append(Format.millis(s.durationNanos()));
    if (s.kind != SpanKind.INTERNAL) {
      sb.append("  ").append(s.kind.name().toLowerCase(java.util.Locale.ROOT));
    }
    if (s.status == SpanStatus.ERROR) {
      sb.append("  ").append(style.boldRed("ERROR" + (s.statusDescription.isEmpty() ? "" : ": " + s.statusDescription)));
    } else if (s.status == SpanStatus.OK) {
      sb.append("  OK");
    }
    if (!s.attributes.isEmpty()) {
      sb.append("  ").append(Format.compact(scrubber.scrub(s.attributes)));
    }
    if (!s.links.isEmpty()) {
      List<String> links = new ArrayList<>();
      for (SpanContext l : s.links) {
        links.add(l.traceId().substring(0, 8) + ".../" + l.spanId());
      }
      sb.append("  links=").append(links);
    }
    sb.append(style.dim("  span=" + s.context.spanId()));
    return sb.toString();
  }

  private String eventLine(SpanRecord span, SpanRecord.Event e) {
    String offset = "+" + Format.millis(e.epochNanos - span.startNanos);
    String attrs = e.attributes.isEmpty() ? "" : " " + Format.compact(scrubber.scrub(e.attributes));
    String text = "* " + e.name + attrs + "  " + offset;
    return e.name.equals("exception") ? style.red(text) : text;
  }
}
