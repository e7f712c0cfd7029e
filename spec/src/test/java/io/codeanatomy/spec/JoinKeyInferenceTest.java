package io.codeanatomy.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.spec.view.JoinKey;
import io.codeanatomy.spec.view.JoinView;
import org.junit.jupiter.api.Test;

/** A JOIN without {@code on} takes its keys from the columns whose semantic types match. */
class JoinKeyInferenceTest {
  private static final String ON = "    on: [{left: file_id, right: file_id}]\n";

  @Test
  void keysAreInferred_throughViews() {
    // py_files is a FILTER over a SOURCE of files: file_id keeps its FileId meaning.
    ValidatedSpec v = SpecValidator.validate(SpecFixtures.read(SpecFixtures.edit(ON, "")));
    JoinView join = (JoinView) v.spec().view("def_with_file").orElseThrow();
    assertThat(join.on()).isEmpty();
    assertThat(v.inferredJoinKeys())
        .containsEntry("def_with_file", java.util.List.of(new JoinKey("file_id", "file_id")));
    assertThat(v.joinKeys(join)).containsExactly(new JoinKey("file_id", "file_id"));
  }

  @Test
  void explicitKeys_areNotRecordedAsInferred() {
    ValidatedSpec v = SpecValidator.validate(SpecFixtures.read(SpecFixtures.BASE));
    assertThat(v.inferredJoinKeys()).isEmpty();
  }

  @Test
  void projectedColumnsKeepTheirSemanticType() {
    String yaml =
        SpecFixtures.edit(ON, "")
            .replace("left: defs", "left: def_keys")
            .replace(
                "views:\n",
                """
                views:
                  - name: def_keys
                    kind: PROJECT
                    input: defs
                    select:
                      - {name: def_id, expr: {col: def_id}}
                      - {name: fid, expr: {col: file_id}}
                      - {name: name, expr: {col: name}}
                      - {name: renamed, expr: {call: upper, args: [{col: file_id}]}}
                """);
    ValidatedSpec v = SpecValidator.validate(SpecFixtures.read(yaml));
    assertThat(v.inferredJoinKeys().get("def_with_file"))
        .containsExactly(new JoinKey("fid", "file_id"));
    assertThat(v.columnsOf("def_keys").get(3).semantic()).isNull();
  }

  @Test
  void ambiguity_listsTheCandidates() {
    String yaml =
        SpecFixtures.edit(ON, "")
            .replace(
                "      - {name: decorators, type: ARRAY<STRING>, nullable: false}",
                "      - {name: decorators, type: ARRAY<STRING>, nullable: false}\n"
                    + "      - {name: def_path, type: STRING, semantic: Path}");
    assertThatThrownBy(() -> SpecValidator.validate(SpecFixtures.read(yaml)))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[2].on");
              assertThat(e.getMessage())
                  .contains("ambiguous")
                  .contains("{left: file_id, right: file_id} (FileId)")
                  .contains("{left: def_path, right: path} (Path)");
            });
  }

  @Test
  void noMatchingSemanticTypes_isAnErrorSayingWhatToDo() {
    String yaml = SpecFixtures.edit(ON, "").replace(", semantic: FileId", "");
    assertThatThrownBy(() -> SpecValidator.validate(SpecFixtures.read(yaml)))
        .isInstanceOfSatisfying(
            SpecException.class,
            e -> {
              assertThat(e.path()).isEqualTo("views[2].on");
              assertThat(e.getMessage()).contains("none can be inferred").contains("semantic");
            });
  }
}
