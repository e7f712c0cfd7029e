package io.codeanatomy.spec.expr;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.codeanatomy.spec.DidYouMean;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON shape of {@link Expr}: every form is an object with one key naming the form (plus {@code
 * type} beside {@code lit} and {@code args} beside {@code call}); a bare scalar is a literal.
 *
 * <pre>
 * {col: name}                     {lit: 1.0, type: DOUBLE}      "text" / 3 / true
 * {call: fn, args: [e, ...]}      {eq|ne|lt|le|gt|ge: [a, b]}   {add|sub|mul|div|mod: [a, b]}
 * {and: [e, ...]}  {or: [e, ...]} {not: e}  {is_null: e}  {is_not_null: e}
 * {in: {expr: e, values: [v, ...]}}
 * {case: {when: [{if: c, then: v}, ...], else: e}}
 * {cast: {expr: e, type: T}}      {coalesce: [e, ...]}          {array: [e, ...]}
 * {struct: {field: e, ...}}       {map: {key: e, ...}}
 * {param: 1}                      the spec's parameter at that position
 * </pre>
 *
 * Struct fields and map entries are written back as a list of {@code [name, expr]} pairs so that a
 * canonical form with sorted object keys still keeps their order.
 */
public final class ExprJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Every form key, for did-you-mean messages. */
  public static final Set<String> FORMS =
      new TreeSet<>(
          List.of(
              "col",
              "lit",
              "call",
              "eq",
              "ne",
              "lt",
              "le",
              "gt",
              "ge",
              "and",
              "or",
              "not",
              "is_null",
              "is_not_null",
              "add",
              "sub",
              "mul",
              "div",
              "mod",
              "in",
              "case",
              "cast",
              "struct",
              "map",
              "array",
              "coalesce",
              "param"));

  private ExprJson() {}

  /** Parses an expression tree; errors carry the path below {@code node}. */
  public static Expr parse(JsonNode node) {
    return parse(node, "");
  }

  private static Expr parse(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw new ExprSyntaxException(
          path, "a null literal needs a type; write {lit: null, type: STRING}");
    }
    if (node.isValueNode()) {
      return new Literal(scalar(node, path), null);
    }
    if (node.isArray()) {
      throw new ExprSyntaxException(
          path,
          "expected an expression, found a list; wrap it in a form such as {array: [...]} or"
              + " {coalesce: [...]}");
    }
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    if (keys.contains("lit")) {
      allowOnly(keys, path, "lit", "type");
      Object value = node.get("lit").isNull() ? null : scalar(node.get("lit"), at(path, "lit"));
      String type = node.has("type") ? text(node.get("type"), at(path, "type")) : null;
      if (value == null && type == null) {
        throw new ExprSyntaxException(
            path, "a null literal needs a type; write {lit: null, type: STRING}");
      }
      return new Literal(value, type);
    }
    if (keys.contains("call")) {
      allowOnly(keys, path, "call", "args");
      String fn = text(node.get("call"), at(path, "call"));
      List<Expr> args = node.has("args") ? list(node.get("args"), at(path, "args")) : List.of();
      return new FunctionCall(fn, args);
    }
    if (keys.size() != 1) {
      throw new ExprSyntaxException(
          path,
          keys.isEmpty()
              ? "empty expression; write one form such as {col: name}"
              : "an expression has exactly one form key, found " + keys);
    }
    String form = keys.get(0);
    JsonNode arg = node.get(form);
    String p = at(path, form);
    switch (form) {
      case "col":
        return new ColumnRef(text(arg, p));
      case "eq":
      case "ne":
      case "lt":
      case "le":
      case "gt":
      case "ge":
        {
          List<Expr> two = pair(arg, p, form);
          return new Comparison(
              Comparison.Op.valueOf(form.toUpperCase(java.util.Locale.ROOT)),
              two.get(0),
              two.get(1));
        }
      case "add":
      case "sub":
      case "mul":
      case "div":
      case "mod":
        {
          List<Expr> two = pair(arg, p, form);
          return new Arithmetic(
              Arithmetic.Op.valueOf(form.toUpperCase(java.util.Locale.ROOT)),
              two.get(0),
              two.get(1));
        }
      case "and":
      case "or":
        {
          List<Expr> operands = list(arg, p);
          if (operands.size() < 2) {
            throw new ExprSyntaxException(p, form + " needs a list of at least two operands");
          }
          return new Logical(Logical.Op.valueOf(form.toUpperCase(java.util.Locale.ROOT)), operands);
        }
      case "not":
        return new Not(parse(arg, p));
      case "is_null":
        return new NullTest(parse(arg, p), false);
      case "is_not_null":
        return new NullTest(parse(arg, p), true);
      case "in":
        {
          ObjectNode obj = object(arg, p, "{in: {expr: e, values: [v, ...]}}");
          requireOnly(obj, p, "expr", "values");
          List<Expr> values = list(obj.get("values"), at(p, "values"));
          if (values.isEmpty()) {
            throw new ExprSyntaxException(at(p, "values"), "in needs at least one value");
          }
          return new In(parse(obj.get("expr"), at(p, "expr")), values);
        }
      case "case":
        return caseWhen(arg, p);
      case "cast":
        {
          ObjectNode obj = object(arg, p, "{cast: {expr: e, type: T}}");
          requireOnly(obj, p, "expr", "type");
          return new Cast(
              parse(obj.get("expr"), at(p, "expr")), text(obj.get("type"), at(p, "type")));
        }
      case "struct":
        return new StructOf(named(arg, p, "{struct: {field: e, ...}}"));
      case "map":
        return new MapOf(named(arg, p, "{map: {key: e, ...}}"));
      case "array":
        {
          List<Expr> elements = list(arg, p);
          if (elements.isEmpty()) {
            throw new ExprSyntaxException(p, "array needs at least one element");
          }
          return new ArrayOf(elements);
        }
      case "param":
        {
          if (!arg.isIntegralNumber() || !arg.canConvertToInt() || arg.intValue() < 1) {
            throw new ExprSyntaxException(
                p, "a parameter is {param: n} with a position n >= 1, found " + arg);
          }
          return new Parameter(arg.intValue());
        }
      case "coalesce":
        {
          List<Expr> operands = list(arg, p);
          if (operands.isEmpty()) {
            throw new ExprSyntaxException(p, "coalesce needs at least one operand");
          }
          return new Coalesce(operands);
        }
      default:
        throw new ExprSyntaxException(
            path,
            "unknown expression form '"
                + form
                + "'"
                + DidYouMean.closest(form, FORMS).map(s -> "; did you mean '" + s + "'?").orElse("")
                + " Forms: "
                + FORMS);
    }
  }

  private static Expr caseWhen(JsonNode arg, String p) {
    ObjectNode obj = object(arg, p, "{case: {when: [{if: c, then: v}], else: e}}");
    List<String> keys = new ArrayList<>();
    obj.fieldNames().forEachRemaining(keys::add);
    allowOnly(keys, p, "when", "else");
    JsonNode whenNode = obj.get("when");
    if (whenNode == null || !whenNode.isArray() || whenNode.isEmpty()) {
      throw new ExprSyntaxException(
          at(p, "when"), "case needs a non-empty list 'when' of {if: c, then: v}");
    }
    List<CaseWhen.Branch> branches = new ArrayList<>();
    for (int i = 0; i < whenNode.size(); i++) {
      String bp = at(p, "when") + "[" + i + "]";
      ObjectNode b = object(whenNode.get(i), bp, "{if: c, then: v}");
      requireOnly(b, bp, "if", "then");
      branches.add(
          new CaseWhen.Branch(
              parse(b.get("if"), at(bp, "if")), parse(b.get("then"), at(bp, "then"))));
    }
    Expr otherwise = obj.has("else") ? parse(obj.get("else"), at(p, "else")) : null;
    return new CaseWhen(branches, otherwise);
  }

  private static List<NamedValue> named(JsonNode arg, String p, String shape) {
    if (arg != null && arg.isArray()) {
      return pairList(arg, p, shape);
    }
    ObjectNode obj = object(arg, p, shape);
    if (obj.isEmpty()) {
      throw new ExprSyntaxException(p, "needs at least one entry: " + shape);
    }
    List<NamedValue> out = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = obj.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      out.add(new NamedValue(f.getKey(), parse(f.getValue(), at(p, f.getKey()))));
    }
    return out;
  }

  /** The {@code [[name, expr], ...]} form that {@link #write} produces for struct and map. */
  private static List<NamedValue> pairList(JsonNode arg, String p, String shape) {
    List<NamedValue> out = new ArrayList<>();
    for (int i = 0; i < arg.size(); i++) {
      JsonNode pair = arg.get(i);
      String pp = p + "[" + i + "]";
      if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
        throw new ExprSyntaxException(pp, "expected [name, expr] or the object form " + shape);
      }
      out.add(new NamedValue(pair.get(0).asText(), parse(pair.get(1), pp + "[1]")));
    }
    if (out.isEmpty()) {
      throw new ExprSyntaxException(p, "needs at least one entry: " + shape);
    }
    return out;
  }

  private static List<Expr> pair(JsonNode arg, String p, String form) {
    List<Expr> two = list(arg, p);
    if (two.size() != 2) {
      throw new ExprSyntaxException(
          p, form + " takes a list of exactly two operands: {" + form + ": [a, b]}");
    }
    return two;
  }

  private static List<Expr> list(JsonNode arg, String p) {
    if (arg == null || !arg.isArray()) {
      throw new ExprSyntaxException(p, "expected a list of expressions");
    }
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < arg.size(); i++) {
      out.add(parse(arg.get(i), p + "[" + i + "]"));
    }
    return out;
  }

  private static ObjectNode object(JsonNode arg, String p, String shape) {
    if (arg == null || !arg.isObject()) {
      throw new ExprSyntaxException(p, "expected an object: " + shape);
    }
    return (ObjectNode) arg;
  }

  private static void requireOnly(ObjectNode obj, String p, String... required) {
    List<String> keys = new ArrayList<>();
    obj.fieldNames().forEachRemaining(keys::add);
    allowOnly(keys, p, required);
    for (String r : required) {
      if (!obj.has(r)) {
        throw new ExprSyntaxException(at(p, r), "missing required field '" + r + "'");
      }
    }
  }

  private static void allowOnly(List<String> keys, String p, String... allowed) {
    List<String> ok = List.of(allowed);
    for (String k : keys) {
      if (!ok.contains(k)) {
        throw new ExprSyntaxException(
            at(p, k), "unknown field '" + k + "' here; allowed: " + String.join(", ", allowed));
      }
    }
  }

  private static String text(JsonNode node, String p) {
    if (node == null || !node.isTextual() || node.asText().isEmpty()) {
      throw new ExprSyntaxException(p, "expected non-empty text");
    }
    return node.asText();
  }

  private static Object scalar(JsonNode node, String p) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      if (!node.canConvertToLong()) {
        throw new ExprSyntaxException(p, "integer literal does not fit in BIGINT");
      }
      return node.longValue();
    }
    if (node.isFloatingPointNumber()) {
      return node.doubleValue();
    }
    throw new ExprSyntaxException(p, "expected a text, number or boolean literal");
  }

  private static String at(String path, String step) {
    return path.isEmpty() ? step : path + "." + step;
  }

  /** Writes the tree back in the same shape {@link #parse} reads (struct/map as pair lists). */
  public static JsonNode write(Expr expr) {
    return expr.accept(new Writer());
  }

  private static final class Writer implements ExprVisitor<JsonNode> {
    private static ObjectNode one(String key, JsonNode value) {
      ObjectNode o = NODES.objectNode();
      o.set(key, value);
      return o;
    }

    private ArrayNode all(List<Expr> exprs) {
      ArrayNode a = NODES.arrayNode();
      exprs.forEach(e -> a.add(e.accept(this)));
      return a;
    }

    private ArrayNode pairs(List<NamedValue> values) {
      ArrayNode a = NODES.arrayNode();
      for (NamedValue v : values) {
        a.add(NODES.arrayNode().add(v.name()).add(v.value().accept(this)));
      }
      return a;
    }

    @Override
    public JsonNode visitColumn(ColumnRef e) {
      return one("col", NODES.textNode(e.name()));
    }

    @Override
    public JsonNode visitLiteral(Literal e) {
      ObjectNode o = NODES.objectNode();
      Object v = e.value();
      if (v == null) {
        o.putNull("lit");
      } else if (v instanceof String s) {
        o.put("lit", s);
      } else if (v instanceof Long l) {
        o.put("lit", l);
      } else if (v instanceof Double d) {
        o.put("lit", d);
      } else {
        o.put("lit", (Boolean) v);
      }
      if (e.type() != null) {
        o.put("type", e.type());
      }
      return o;
    }

    @Override
    public JsonNode visitCall(FunctionCall e) {
      ObjectNode o = one("call", NODES.textNode(e.function()));
      o.set("args", all(e.args()));
      return o;
    }

    @Override
    public JsonNode visitComparison(Comparison e) {
      return one(e.op().key(), all(List.of(e.left(), e.right())));
    }

    @Override
    public JsonNode visitLogical(Logical e) {
      return one(e.op().key(), all(e.operands()));
    }

    @Override
    public JsonNode visitNot(Not e) {
      return one("not", e.operand().accept(this));
    }

    @Override
    public JsonNode visitNullTest(NullTest e) {
      return one(e.key(), e.operand().accept(this));
    }

    @Override
    public JsonNode visitArithmetic(Arithmetic e) {
      return one(e.op().key(), all(List.of(e.left(), e.right())));
    }

    @Override
    public JsonNode visitIn(In e) {
      ObjectNode body = NODES.objectNode();
      body.set("expr", e.expr().accept(this));
      body.set("values", all(e.values()));
      return one("in", body);
    }

    @Override
    public JsonNode visitCase(CaseWhen e) {
      ArrayNode when = NODES.arrayNode();
      for (CaseWhen.Branch b : e.when()) {
        ObjectNode branch = NODES.objectNode();
        branch.set("if", b.condition().accept(this));
        branch.set("then", b.then().accept(this));
        when.add(branch);
      }
      ObjectNode body = NODES.objectNode();
      body.set("when", when);
      if (e.otherwise() != null) {
        body.set("else", e.otherwise().accept(this));
      }
      return one("case", body);
    }

    @Override
    public JsonNode visitCast(Cast e) {
      ObjectNode body = NODES.objectNode();
      body.set("expr", e.expr().accept(this));
      body.put("type", e.type());
      return one("cast", body);
    }

    @Override
    public JsonNode visitStruct(StructOf e) {
      return one("struct", pairs(e.fields()));
    }

    @Override
    public JsonNode visitMap(MapOf e) {
      return one("map", pairs(e.entries()));
    }

    @Override
    public JsonNode visitArray(ArrayOf e) {
      return one("array", all(e.elements()));
    }

    @Override
    public JsonNode visitCoalesce(Coalesce e) {
      return one("coalesce", all(e.operands()));
    }

    @Override
    public JsonNode visitParameter(Parameter e) {
      return one("param", NODES.numberNode(e.position()));
    }
  }

  /** Jackson hook: reads a tree and parses it, keeping the path below the expression root. */
  public static final class Deserializer extends StdDeserializer<Expr> {
    public Deserializer() {
      super(Expr.class);
    }

    @Override
    public Expr deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      try {
        return parse(node);
      } catch (ExprSyntaxException e) {
        throw new PathedMappingException(p, e.relativePath(), e.getMessage());
      }
    }

    /** An optional expression field left out is simply absent; the record decides if it may be. */
    @Override
    public Expr getAbsentValue(DeserializationContext ctxt) {
      return null;
    }

    @Override
    public Expr getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      throw new PathedMappingException(
          ctxt.getParser(), "", "a null literal needs a type; write {lit: null, type: STRING}");
    }
  }

  /** Jackson hook: writes {@link #write}'s tree. */
  public static final class Serializer extends StdSerializer<Expr> {
    public Serializer() {
      super(Expr.class);
    }

    @Override
    public void serialize(Expr value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeTree(write(value));
    }
  }

  /**
   * A mapping error raised below an expression root; Jackson prefixes the document path as it
   * unwinds, and {@link #relativePath} adds the rest.
   */
  public static final class PathedMappingException extends JsonMappingException {
    private final String relativePath;

    PathedMappingException(JsonParser p, String relativePath, String message) {
      super(p, message);
      this.relativePath = relativePath;
    }

    public String relativePath() {
      return relativePath;
    }
  }
}
