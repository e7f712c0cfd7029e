package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A named view over inputs or other views. The {@code kind} property selects the record; a new kind
 * is a new record here, a {@link ViewVisitor} method, and a {@link ViewKind} constant, so every
 * consumer (validator, hasher, compiler) fails to compile until it handles it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SourceView.class, name = "SOURCE"),
  @JsonSubTypes.Type(value = FilterView.class, name = "FILTER"),
  @JsonSubTypes.Type(value = ProjectView.class, name = "PROJECT"),
  @JsonSubTypes.Type(value = JoinView.class, name = "JOIN"),
  @JsonSubTypes.Type(value = UnionView.class, name = "UNION"),
  @JsonSubTypes.Type(value = AggregateView.class, name = "AGGREGATE"),
  @JsonSubTypes.Type(value = UnnestView.class, name = "UNNEST"),
  @JsonSubTypes.Type(value = DedupeView.class, name = "DEDUPE"),
  @JsonSubTypes.Type(value = WindowView.class, name = "WINDOW"),
  @JsonSubTypes.Type(value = SpanJoinView.class, name = "SPAN_JOIN"),
  @JsonSubTypes.Type(value = UdtfView.class, name = "UDTF"),
  @JsonSubTypes.Type(value = CdfView.class, name = "CDF"),
  @JsonSubTypes.Type(value = MetadataView.class, name = "METADATA"),
  @JsonSubTypes.Type(value = FileManifestView.class, name = "FILE_MANIFEST")
})
public sealed interface ViewSpec permits SingleInputView, JoinView, UnionView, SpanJoinView {

  String name();

  /** Names of the inputs or views this view reads, in declaration order. */
  @JsonIgnore
  List<String> dependencies();

  /** The spec field that names each dependency, parallel to {@link #dependencies()}. */
  @JsonIgnore
  List<String> dependencyFields();

  @JsonIgnore
  ViewKind kind();

  <R> R accept(ViewVisitor<R> visitor);
}
