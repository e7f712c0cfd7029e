package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The rows a WINDOW function sees around the current one: from {@code preceding} rows (or ordering
 * values, for {@code range}) before it to {@code following} after it; a bound left out is
 * unbounded, 0 is the current row. A WINDOW without a frame uses {@link #RUNNING}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowFrame(FrameUnit unit, Integer preceding, Integer following) {
  /** From the partition's first row to the current row: a running total, a row number. */
  public static final WindowFrame RUNNING = new WindowFrame(FrameUnit.ROWS, null, 0);

  public WindowFrame {
    unit = unit == null ? FrameUnit.ROWS : unit;
  }
}
