package io.codeanatomy.source.skipping;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.expressions.CallExpression;
import org.apache.flink.table.expressions.FieldReferenceExpression;
import org.apache.flink.table.expressions.ResolvedExpression;
import org.apache.flink.table.expressions.ValueLiteralExpression;
import org.apache.flink.table.functions.BuiltInFunctionDefinitions;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.logical.LogicalTypeFamily;

/**
 * Translates a query filter into a {@link FilePredicate} when it is made of comparisons between a
 * top-level numeric or string column and a literal, {@code IS [NOT] NULL}, {@code AND} and {@code
 * OR}; anything else (casts, functions, {@code <>}, {@code NOT}) is not translated and skips
 * nothing.
 */
public final class FilterTranslator {
  private FilterTranslator() {}

  public static Optional<FilePredicate> translate(ResolvedExpression filter) {
    if (!(filter instanceof CallExpression call)) {
      return Optional.empty();
    }
    FunctionDefinition fn = call.getFunctionDefinition();
    List<ResolvedExpression> args = call.getResolvedChildren();
    if (fn == BuiltInFunctionDefinitions.AND || fn == BuiltInFunctionDefinitions.OR) {
      Optional<FilePredicate> result = translate(args.get(0));
      for (int i = 1; i < args.size() && result.isPresent(); i++) {
        Optional<FilePredicate> next = translate(args.get(i));
        FilePredicate left = result.get();
        result =
            next.map(
                right ->
                    fn == BuiltInFunctionDefinitions.AND
                        ? new FilePredicate.And(left, right)
                        : new FilePredicate.Or(left, right));
      }
      return result;
    }
    if (fn == BuiltInFunctionDefinitions.IS_NULL || fn == BuiltInFunctionDefinitions.IS_NOT_NULL) {
      if (args.get(0) instanceof FieldReferenceExpression field) {
        return Optional.of(
            new FilePredicate.IsNull(
                field.getName(), fn == BuiltInFunctionDefinitions.IS_NOT_NULL));
      }
      return Optional.empty();
    }
    FilePredicate.Op op = comparison(fn);
    if (op == null || args.size() != 2) {
      return Optional.empty();
    }
    if (args.get(0) instanceof FieldReferenceExpression field
        && args.get(1) instanceof ValueLiteralExpression literal) {
      return compare(field, op, literal);
    }
    if (args.get(1) instanceof FieldReferenceExpression field
        && args.get(0) instanceof ValueLiteralExpression literal) {
      return compare(field, op.flipped(), literal);
    }
    return Optional.empty();
  }

  private static FilePredicate.Op comparison(FunctionDefinition fn) {
    if (fn == BuiltInFunctionDefinitions.EQUALS) {
      return FilePredicate.Op.EQ;
    } else if (fn == BuiltInFunctionDefinitions.LESS_THAN) {
      return FilePredicate.Op.LT;
    } else if (fn == BuiltInFunctionDefinitions.LESS_THAN_OR_EQUAL) {
      return FilePredicate.Op.LE;
    } else if (fn == BuiltInFunctionDefinitions.GREATER_THAN) {
      return FilePredicate.Op.GT;
    } else if (fn == BuiltInFunctionDefinitions.GREATER_THAN_OR_EQUAL) {
      return FilePredicate.Op.GE;
    }
    return null;
  }

  private static Optional<FilePredicate> compare(
      FieldReferenceExpression field, FilePredicate.Op op, ValueLiteralExpression literal) {
    if (literal.isNull()) {
      return Optional.empty();
    }
    var fieldType = field.getOutputDataType().getLogicalType();
    var literalType = literal.getOutputDataType().getLogicalType();
    Comparable<?> value;
    if (fieldType.is(LogicalTypeFamily.CHARACTER_STRING)
        && literalType.is(LogicalTypeFamily.CHARACTER_STRING)) {
      value = literal.getValueAs(String.class).orElse(null);
    } else if (fieldType.is(LogicalTypeFamily.EXACT_NUMERIC)
        && literalType.is(LogicalTypeFamily.EXACT_NUMERIC)) {
      value =
          literal
              .getValueAs(Object.class)
              .filter(Number.class::isInstance)
              .map(n -> n instanceof BigDecimal d ? d : new BigDecimal(n.toString()))
              .orElse(null);
    } else {
      // Floating point statistics (NaN, -0.0) and temporal encodings are left alone.
      return Optional.empty();
    }
    return Optional.ofNullable(value).map(v -> new FilePredicate.Compare(field.getName(), op, v));
  }
}
