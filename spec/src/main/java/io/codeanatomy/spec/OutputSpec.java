package io.codeanatomy.spec;

import static io.codeanatomy.spec.MissingFieldException.orEmpty;
import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A table the spec produces from {@code view}. When {@code columns} is given it is the output's
 * contract: the view must produce exactly these columns, in this order, with these types.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputSpec(
    String name,
    String view,
    @JsonProperty("primary_key") List<String> primaryKey,
    String owner,
    List<ColumnSpec> columns) {
  public OutputSpec {
    require(name, "name");
    require(view, "view");
    primaryKey = orEmpty(primaryKey);
    columns = orEmpty(columns);
  }
}
