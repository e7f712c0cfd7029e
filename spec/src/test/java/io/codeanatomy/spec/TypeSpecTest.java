package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.type.ArrayType;
import io.codeanatomy.spec.type.RowType;
import io.codeanatomy.spec.type.TypeSpec;
import io.codeanatomy.spec.type.TypeSyntaxException;
import org.junit.jupiter.api.Test;

class TypeSpecTest {

  @Test
  void parsesAndRendersCanonically() {
    assertThat(TypeSpec.parse("string").render()).isEqualTo("STRING");
    assertThat(TypeSpec.parse("integer not null").render()).isEqualTo("INT NOT NULL");
    assertThat(TypeSpec.parse("map<string,string>").render()).isEqualTo("MAP<STRING, STRING>");
    TypeSpec row =
        TypeSpec.parse("ROW<start_line INT, start_col INT NOT NULL, tags ARRAY<STRING>>");
    assertThat(row).isInstanceOf(RowType.class);
    assertThat(((RowType) row).fields().get(2).type()).isInstanceOf(ArrayType.class);
    assertThat(row.render())
        .isEqualTo("ROW<start_line INT, start_col INT NOT NULL, tags ARRAY<STRING>>");
    assertThat(TypeSpec.parse(row.render())).isEqualTo(row);
  }

  @Test
  void comparesIgnoringNullability() {
    assertThat(
            TypeSpec.sameIgnoringNullability(
                TypeSpec.parse("ARRAY<STRING NOT NULL> NOT NULL"), TypeSpec.parse("ARRAY<STRING>")))
        .isTrue();
    assertThat(TypeSpec.sameIgnoringNullability(TypeSpec.parse("INT"), TypeSpec.parse("BIGINT")))
        .isFalse();
  }

  @Test
  void errorsSayWhatWasExpected() {
    assertThatThrownBy(() -> TypeSpec.parse("ARRAY<STRING"))
        .isInstanceOf(TypeSyntaxException.class)
        .hasMessageContaining("expected '>'");
    assertThatThrownBy(() -> TypeSpec.parse("TEXT")).hasMessageContaining("unknown type 'TEXT'");
    assertThatThrownBy(() -> TypeSpec.parse("INT NOT")).hasMessageContaining("expected NULL");
    assertThatThrownBy(() -> TypeSpec.parse("")).hasMessageContaining("empty type");
  }
}
