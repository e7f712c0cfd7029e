package io.codeanatomy.spec;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An extraction table the spec reads. {@code owner} names the ownership column ({@code file_id});
 * an {@code optional} input may be absent from a warehouse, in which case the binder supplies an
 * empty table of the declared shape.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InputSpec(
    String name,
    List<ColumnSpec> columns,
    @JsonProperty("primary_key") List<String> primaryKey,
    String owner,
    Boolean optional) {
  public InputSpec {
    require(name, "name");
    columns = require(orEmptyIfNull(columns), "columns");
    primaryKey = orEmpty(primaryKey);
    optional = optional != null && optional;
  }

  private static List<ColumnSpec> orEmptyIfNull(List<ColumnSpec> columns) {
    return columns == null ? null : List.copyOf(columns);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnSpec::name).toList();
  }
}
