package io.codeanatomy.spec.view;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** A view that reads exactly one input or view, named by its {@code input} field. */
public sealed interface SingleInputView extends ViewSpec
    permits SourceView,
        FilterView,
        ProjectView,
        AggregateView,
        UnnestView,
        DedupeView,
        WindowView,
        UdtfView,
        CdfView,
        MetadataView,
        FileManifestView {

  String input();

  @Override
  @JsonIgnore
  default List<String> dependencies() {
    return List.of(input());
  }

  @Override
  @JsonIgnore
  default List<String> dependencyFields() {
    return List.of("input");
  }
}
