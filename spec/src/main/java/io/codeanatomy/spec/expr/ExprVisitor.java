package io.codeanatomy.spec.expr;

/** One method per expression form, so adding a form fails to compile every consumer. */
public interface ExprVisitor<R> {
  R visitColumn(ColumnRef e);

  R visitLiteral(Literal e);

  R visitCall(FunctionCall e);

  R visitComparison(Comparison e);

  R visitLogical(Logical e);

  R visitNot(Not e);

  R visitNullTest(NullTest e);

  R visitArithmetic(Arithmetic e);

  R visitIn(In e);

  R visitCase(CaseWhen e);

  R visitCast(Cast e);

  R visitStruct(StructOf e);

  R visitMap(MapOf e);

  R visitArray(ArrayOf e);

  R visitCoalesce(Coalesce e);

  R visitParameter(Parameter e);
}
