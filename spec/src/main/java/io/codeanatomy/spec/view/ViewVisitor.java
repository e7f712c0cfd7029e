package io.codeanatomy.spec.view;

/** One method per view kind. */
public interface ViewVisitor<R> {
  R visitSource(SourceView view);

  R visitFilter(FilterView view);

  R visitProject(ProjectView view);

  R visitJoin(JoinView view);

  R visitUnion(UnionView view);

  R visitAggregate(AggregateView view);

  R visitUnnest(UnnestView view);

  R visitDedupe(DedupeView view);

  R visitWindow(WindowView view);

  R visitSpanJoin(SpanJoinView view);

  R visitUdtf(UdtfView view);

  R visitCdf(CdfView view);

  R visitMetadata(MetadataView view);

  R visitFileManifest(FileManifestView view);
}
