package io.codeanatomy.spec.type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Recursive-descent parser for {@link TypeSpec} text. */
final class TypeParser {
  private final String text;
  private final List<String> tokens = new ArrayList<>();
  private int pos;

  TypeParser(String text) {
    this.text = text;
    tokenize();
  }

  TypeSpec parse() {
    if (tokens.isEmpty()) {
      throw new TypeSyntaxException("empty type; write e.g. STRING, BIGINT or ARRAY<STRING>");
    }
    TypeSpec type = type();
    if (pos < tokens.size()) {
      throw error("unexpected '" + tokens.get(pos) + "' after a complete type");
    }
    return type;
  }

  private TypeSpec type() {
    String word = next("a type name");
    String upper = word.toUpperCase(Locale.ROOT);
    TypeSpec type;
    switch (upper) {
      case "ARRAY":
        expect("<");
        TypeSpec element = type();
        expect(">");
        type = new ArrayType(element, true);
        break;
      case "MAP":
        expect("<");
        TypeSpec key = type();
        expect(",");
        TypeSpec value = type();
        expect(">");
        type = new MapType(key, value, true);
        break;
      case "ROW":
        type = row();
        break;
      default:
        type =
            ScalarKind.of(word)
                .map(ScalarType::of)
                .orElseThrow(
                    () ->
                        error(
                            "unknown type '"
                                + word
                                + "'; use one of "
                                + Arrays.stream(ScalarKind.values())
                                    .map(Enum::name)
                                    .collect(Collectors.joining(", "))
                                + ", ARRAY<..>, MAP<..,..>, ROW<..>"));
    }
    if (peekWord("NOT")) {
      pos++;
      if (!peekWord("NULL")) {
        throw error("expected NULL after NOT");
      }
      pos++;
      type = type.withNullable(false);
    }
    return type;
  }

  private TypeSpec row() {
    expect("<");
    List<RowType.Field> fields = new ArrayList<>();
    while (true) {
      String name = next("a field name");
      if (!isIdentifier(name)) {
        throw error("expected a field name, found '" + name + "'");
      }
      fields.add(new RowType.Field(name, type()));
      String sep = next("',' or '>'");
      if (sep.equals(">")) {
        return new RowType(fields, true);
      }
      if (!sep.equals(",")) {
        throw error("expected ',' or '>' in ROW, found '" + sep + "'");
      }
    }
  }

  private boolean peekWord(String word) {
    return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word);
  }

  private void expect(String token) {
    String got = next("'" + token + "'");
    if (!got.equals(token)) {
      throw error("expected '" + token + "', found '" + got + "'");
    }
  }

  private String next(String what) {
    if (pos >= tokens.size()) {
      throw error("type ends early; expected " + what);
    }
    return tokens.get(pos++);
  }

  private TypeSyntaxException error(String message) {
    return new TypeSyntaxException("invalid type '" + text + "': " + message);
  }

  private static boolean isIdentifier(String token) {
    return !token.isEmpty() && (Character.isLetter(token.charAt(0)) || token.charAt(0) == '_');
  }

  private void tokenize() {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '<' || c == '>' || c == ',') {
        tokens.add(String.valueOf(c));
        i++;
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        int start = i;
        while (i < text.length()
            && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
          i++;
        }
        tokens.add(text.substring(start, i));
      } else {
        throw error("unexpected character '" + c + "'");
      }
    }
  }
}
