package io.codeanatomy.spec.view;

/** The view kinds, as written in a spec's {@code kind} field. */
public enum ViewKind {
  SOURCE,
  FILTER,
  PROJECT,
  JOIN,
  UNION,
  AGGREGATE,
  UNNEST,
  DEDUPE,
  WINDOW,
  SPAN_JOIN,
  UDTF,
  CDF,
  METADATA,
  FILE_MANIFEST
}
