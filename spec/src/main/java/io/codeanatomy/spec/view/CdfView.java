package io.codeanatomy.spec.view;

import static io.codeanatomy.spec.MissingFieldException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.codeanatomy.spec.ColumnSpec;
import java.util.List;

/**
 * The Change Data Feed of the input table {@code input} over a version range, as insert-only rows:
 * the input's columns plus {@link #CHANGE_COLUMNS} ({@code _change_type} is {@code insert}, {@code
 * delete}, {@code update_preimage} or {@code update_postimage}). The range starts at {@code
 * start_version} or at the first version committed at or after {@code start_timestamp} (exactly one
 * of them) and ends, inclusively, at {@code end_version}, at the last version committed at or
 * before {@code end_timestamp}, or, when neither is given, at the version the run reads: a batch
 * run's pinned version, or — in a continuous job — wherever the table gets to, the changes of each
 * new version being appended as it is committed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CdfView(
    String name,
    String input,
    @JsonProperty("start_version") Long startVersion,
    @JsonProperty("end_version") Long endVersion,
    @JsonProperty("start_timestamp") String startTimestamp,
    @JsonProperty("end_timestamp") String endTimestamp)
    implements SingleInputView {
  public static final String CHANGE_TYPE = "_change_type";
  public static final String COMMIT_VERSION = "_commit_version";
  public static final String COMMIT_TIMESTAMP = "_commit_timestamp";

  /** The columns a CDF view appends to the input's, in this order. */
  public static final List<ColumnSpec> CHANGE_COLUMNS =
      List.of(
          ColumnSpec.of(CHANGE_TYPE, "STRING", false),
          ColumnSpec.of(COMMIT_VERSION, "BIGINT", false),
          ColumnSpec.of(COMMIT_TIMESTAMP, "TIMESTAMP_LTZ", false));

  public CdfView {
    require(name, "name");
    require(input, "input");
  }

  /** Whether the range ends where the run's reading ends rather than at a fixed point. */
  @JsonIgnore
  public boolean openEnded() {
    return endVersion == null && endTimestamp == null;
  }

  @Override
  public ViewKind kind() {
    return ViewKind.CDF;
  }

  @Override
  public <R> R accept(ViewVisitor<R> visitor) {
    return visitor.visitCdf(this);
  }
}
