package io.codeanatomy.extract;

import io.delta.kernel.types.StructType;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Rows of one extraction table, read by column name, for assertions. */
record Table(String name, StructType schema, List<Object[]> rows) {
  static Table of(Extraction extraction, String name) {
    return new Table(name, ExtractionTables.schema(name), extraction.rows(name));
  }

  Object get(Object[] row, String column) {
    int i = schema.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(name + " has no column " + column);
    }
    return row[i];
  }

  Table where(String column, Object value) {
    return filter(r -> Objects.equals(get(r, column), value));
  }

  Table filter(Predicate<Object[]> p) {
    return new Table(name, schema, rows.stream().filter(p).collect(Collectors.toList()));
  }

  List<Object> column(String column) {
    return rows.stream().map(r -> get(r, column)).collect(Collectors.toList());
  }

  Object[] single() {
    if (rows.size() != 1) {
      throw new AssertionError("expected one row in " + name + ", got " + rows.size());
    }
    return rows.get(0);
  }

  Object one(String column) {
    return get(single(), column);
  }
}
