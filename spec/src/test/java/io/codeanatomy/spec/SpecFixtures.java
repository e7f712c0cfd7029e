package io.codeanatomy.spec;

/** Small specs shared by the spec tests, in YAML. */
final class SpecFixtures {
  private SpecFixtures() {}

  static final String BASE =
      """
      name: tiny
      version: 1
      inputs:
        - name: files
          primary_key: [file_id]
          owner: file_id
          columns:
            - {name: file_id, type: STRING, nullable: false, semantic: FileId}
            - {name: path, type: STRING, nullable: false, semantic: Path}
            - {name: module, type: STRING}
        - name: defs
          primary_key: [def_id]
          owner: file_id
          columns:
            - {name: def_id, type: STRING, nullable: false, semantic: DefId}
            - {name: file_id, type: STRING, nullable: false, semantic: FileId}
            - {name: name, type: STRING, nullable: false}
            - {name: decorators, type: ARRAY<STRING>, nullable: false}
      views:
        - name: all_files
          kind: SOURCE
          input: files
        - name: py_files
          kind: FILTER
          input: all_files
          where: {is_not_null: {col: module}}
        - name: def_with_file
          kind: JOIN
          left: defs
          right: py_files
          type: inner
          on: [{left: file_id, right: file_id}]
          select:
            - {name: def_id, expr: {col: left.def_id}}
            - {name: path, expr: {col: right.path}}
            - {name: label, expr: {call: concat, args: [{col: right.module}, ".", {col: left.name}]}}
      outputs:
        - name: labels
          view: def_with_file
          primary_key: [def_id]
      """;

  /** {@link #BASE} with {@code from} replaced by {@code to}; fails if {@code from} is absent. */
  static String edit(String from, String to) {
    if (!BASE.contains(from)) {
      throw new IllegalArgumentException("fixture does not contain: " + from);
    }
    return BASE.replace(from, to);
  }

  static Spec read(String yaml) {
    return SpecLoader.parse(yaml, SpecLoader.Format.YAML, null);
  }
}
