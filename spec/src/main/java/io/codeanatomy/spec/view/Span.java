package io.codeanatomy.spec.view;

/**
 * The columns holding a byte span {@code [start, end)}; default {@code bstart} and {@code bend}.
 */
public record Span(String start, String end) {
  public static final Span DEFAULT = new Span("bstart", "bend");

  public Span {
    start = start == null ? "bstart" : start;
    end = end == null ? "bend" : end;
  }
}
