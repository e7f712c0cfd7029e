package io.codeanatomy.job.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.codeanatomy.delta.DeltaTable;
import io.codeanatomy.delta.write.KeyedChangeWriter;
import io.codeanatomy.delta.write.KeyedLayout;
import io.codeanatomy.delta.write.TableOverwrite;
import io.codeanatomy.job.compile.CompiledSpec;
import io.codeanatomy.job.compile.SpecCompiler;
import io.codeanatomy.spec.Spec;
import io.codeanatomy.spec.SpecException;
import io.codeanatomy.spec.SpecLoader;
import io.codeanatomy.udf.CodeAnatomyFunctions;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * UDTF, CDF, METADATA and FILE_MANIFEST views compiled against a real warehouse and run on a
 * MiniCluster: an {@code imports} extraction table written by delta-core's keyed writer (bucketed
 * files, exact change data files) over three versions, read through the run's own binders.
 */
class TableViewsCompileTest {
  private static final StructType SCHEMA =
      new StructType()
          .add("file_id", StringType.STRING, false)
          .add("import_id", StringType.STRING, false)
          .add("module", StringType.STRING, false)
          .add("bstart", IntegerType.INTEGER, false);

  private static final KeyedLayout LAYOUT =
      KeyedLayout.keyedBy("file_id", "import_id").bucketedBy("file_id", 4);

  private static final String INPUTS =
      """
      name: table-views
      version: 1
      inputs:
        - name: imports
          primary_key: [file_id, import_id]
          columns:
            - {name: file_id, type: STRING, nullable: false}
            - {name: import_id, type: STRING, nullable: false}
            - {name: module, type: STRING, nullable: false}
            - {name: bstart, type: INT, nullable: false}
      """;

  @TempDir static Path root;
  private static Warehouse warehouse;

  /** Version 0: i1 a.b.c, i2 os, i4 a..b; 1: i3 pkg.mod added; 2: i2 becomes os.path, i1 goes. */
  @BeforeAll
  static void writeWarehouse() {
    warehouse = new Warehouse(root);
    DeltaTable imports = warehouse.extractTable("imports");
    TableOverwrite.replaceContent(
        imports,
        SCHEMA,
        TableOverwrite.CDF_ON,
        List.of(
            new Object[] {"f1", "i1", "a.b.c", 0},
            new Object[] {"f1", "i2", "os", 10},
            new Object[] {"f3", "i4", "a..b", 0}),
        LAYOUT);
    KeyedChangeWriter writer = new KeyedChangeWriter(imports, LAYOUT);
    writer.apply(List.<Object[]>of(new Object[] {"f2", "i3", "pkg.mod", 0}), List.of());
    writer.apply(
        List.<Object[]>of(new Object[] {"f1", "i2", "os.path", 10}),
        List.<Object[]>of(new Object[] {"f1", "i1"}));
    assertThat(imports.latestVersion()).isEqualTo(2);
  }

  private static Spec spec(String viewsAndOutputs) {
    return SpecLoader.parse(INPUTS + viewsAndOutputs, SpecLoader.Format.YAML, "test.yaml");
  }

  private static TableEnvironment batchEnv() {
    TableEnvironment env = TableEnvironment.create(EnvironmentSettings.inBatchMode());
    CodeAnatomyFunctions.registerAll(env);
    return env;
  }

  private static CompiledSpec batch(String viewsAndOutputs, long version) {
    TableEnvironment env = batchEnv();
    return SpecCompiler.compile(
        spec(viewsAndOutputs),
        env,
        new DeltaInputBinder(env, warehouse, Map.of("imports", version)));
  }

  static List<Row> rows(Table table) {
    List<Row> out = new ArrayList<>();
    try (CloseableIterator<Row> it = table.execute().collect()) {
      it.forEachRemaining(out::add);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    out.sort(Comparator.comparing(Row::toString));
    return out;
  }

  private static final String UDTF =
      """
      views:
        - name: prefixes
          kind: UDTF
          input: imports
          function: qualname_prefixes
          args: [{col: module}]
          columns:
            - {name: prefix, type: STRING, nullable: false}
            - {name: depth, type: INT, nullable: false}
        - name: bound
          kind: PROJECT
          input: prefixes
          select:
            - {name: import_id, expr: {col: import_id}}
            - {name: prefix, expr: {col: prefix}}
            - {name: depth, expr: {col: depth}}
      outputs:
        - {name: bound, view: bound}
      """;

  @Test
  void udtf_crossJoinsEachRowWithTheFunctionsRows() {
    CompiledSpec compiled = batch(UDTF, 2);
    assertThat(rows(compiled.output("bound")))
        .containsExactly(
            Row.of("i2", "os", 1),
            Row.of("i2", "os.path", 2),
            Row.of("i3", "pkg", 1),
            Row.of("i3", "pkg.mod", 2));
    assertThat(compiled.output("bound").explain())
        .contains("Correlate")
        .contains("qualname_prefixes");
  }

  @Test
  void udtf_leftJoinKeepsRowsTheFunctionEmitsNothingFor() {
    CompiledSpec compiled =
        batch(
            UDTF.replace(
                "function: qualname_prefixes", "function: qualname_prefixes\n    join: left"),
            2);
    assertThat(rows(compiled.output("bound"))).contains(Row.of("i4", null, null)).hasSize(5);
    assertThat(
            compiled
                .output("bound")
                .getResolvedSchema()
                .getColumnDataTypes()
                .get(2)
                .getLogicalType()
                .isNullable())
        .isTrue();
  }

  @Test
  void udtf_unknownFunctionAndWrongTypes_areSpecErrors() {
    assertThatThrownBy(
            () ->
                batch(UDTF.replace("function: qualname_prefixes", "function: qualname_prefix"), 2))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("views[0].function")
        .hasMessageContaining("did you mean 'qualname_prefixes'?");
    assertThatThrownBy(
            () -> batch(UDTF.replace("{name: depth, type: INT", "{name: depth, type: BIGINT"), 2))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("views[0].columns[1].type")
        .hasMessageContaining(
            "emits INT as its field 2 ('depth' here), but the view declares BIGINT");
  }

  private static final String CDF =
      """
      views:
        - name: changes
          kind: CDF
          input: imports
          start_version: 1
        - name: summary
          kind: PROJECT
          input: changes
          select:
            - {name: import_id, expr: {col: import_id}}
            - {name: module, expr: {col: module}}
            - {name: change, expr: {col: _change_type}}
            - {name: version, expr: {col: _commit_version}}
            - {name: dated, expr: {is_not_null: {col: _commit_timestamp}}}
      outputs:
        - {name: summary, view: summary}
      """;

  private static final List<Row> CHANGES_1_TO_2 =
      List.of(
          Row.of("i1", "a.b.c", "delete", 2L, true),
          Row.of("i2", "os", "update_preimage", 2L, true),
          Row.of("i2", "os.path", "update_postimage", 2L, true),
          Row.of("i3", "pkg.mod", "insert", 1L, true));

  @Test
  void cdf_readsTheChangeFeedUpToTheVersionTheRunReads() {
    CompiledSpec compiled = batch(CDF, 2);
    assertThat(rows(compiled.output("summary"))).containsExactlyElementsOf(CHANGES_1_TO_2);
    assertThat(compiled.output("summary").explain())
        .contains("TableSourceScan(")
        .contains("bstart, _change_type, _commit_version, _commit_timestamp]");
    // A run pinned at version 1 sees only that version's changes.
    assertThat(rows(batch(CDF, 1).output("summary")))
        .containsExactly(Row.of("i3", "pkg.mod", "insert", 1L, true));
    assertThat(
            rows(
                batch(CDF.replace("start_version: 1", "start_version: 1\n    end_version: 1"), 2)
                    .output("summary")))
        .containsExactly(Row.of("i3", "pkg.mod", "insert", 1L, true));
  }

  @Test
  void cdf_rangesPastTheVersionRead_areRefusedAtTheView() {
    assertThatThrownBy(
            () -> batch(CDF.replace("start_version: 1", "start_version: 1\n    end_version: 5"), 2))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("views[0].end_version")
        .hasMessageContaining("this run reads input 'imports' at version 2");
  }

  @Test
  void cdf_inStreamingMode_appendsTheSameChangesAsInserts() throws Exception {
    StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment();
    streams.setParallelism(1);
    StreamTableEnvironment env =
        StreamTableEnvironment.create(streams, EnvironmentSettings.inStreamingMode());
    CompiledSpec compiled =
        SpecCompiler.compile(
            spec(CDF.replace("start_version: 1", "start_version: 1\n    end_version: 2")),
            env,
            new ChangelogInputBinder(
                env, warehouse, Map.of("imports", 0L), Duration.ofMillis(100)));
    Table summary = compiled.output("summary");
    assertThat(summary.explain()).doesNotContain("ChangelogNormalize");
    List<Row> rows = rows(summary);
    rows.forEach(r -> assertThat(r.getKind()).isEqualTo(org.apache.flink.types.RowKind.INSERT));
    assertThat(rows).containsExactlyElementsOf(CHANGES_1_TO_2);
  }

  private static final String DESCRIBED =
      """
      views:
        - name: meta
          kind: METADATA
          input: imports
        - name: files
          kind: FILE_MANIFEST
          input: imports
      outputs:
        - {name: meta, view: meta}
        - {name: files, view: files}
      """;

  @Test
  void metadata_describesTheVersionTheRunReads() {
    CompiledSpec compiled = batch(DESCRIBED, 2);
    List<Row> meta = rows(compiled.output("meta"));
    assertThat(meta).hasSize(1);
    Row m = meta.get(0);
    List<Row> files = rows(compiled.output("files"));
    assertThat(m.getField("version")).isEqualTo(2L);
    assertThat(m.getField("commit_timestamp")).isNotNull();
    assertThat(m.getField("num_files")).isEqualTo((long) files.size());
    assertThat(m.getField("num_records")).isEqualTo(3L);
    assertThat(m.getField("size_bytes"))
        .isEqualTo(files.stream().mapToLong(f -> (Long) f.getField("size_bytes")).sum());
    assertThat((String) m.getField("schema_json")).contains("\"module\"");
    assertThat((String[]) m.getField("partition_columns")).isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, String> properties = (Map<String, String>) m.getField("properties");
    assertThat(properties)
        .containsEntry("delta.enableChangeDataFeed", "true")
        .containsEntry(KeyedLayout.BUCKET_COLUMN_PROPERTY, "file_id");
    assertThat((Integer) m.getField("min_reader_version")).isPositive();
    assertThat((Integer) m.getField("min_writer_version")).isGreaterThanOrEqualTo(4);
    assertThat(rows(batch(DESCRIBED, 0).output("meta")).get(0).getField("num_records"))
        .isEqualTo(3L);
  }

  @Test
  void fileManifest_listsEveryDataFileWithItsStatisticsAndBucket() {
    CompiledSpec compiled = batch(DESCRIBED, 2);
    List<Row> files = rows(compiled.output("files"));
    DeltaTable imports = warehouse.extractTable("imports");
    assertThat(files)
        .extracting(f -> (String) f.getField("path"))
        .containsExactlyElementsOf(
            imports.files(imports.snapshotAt(2)).stream().map(f -> f.path()).sorted().toList());
    long live = 0;
    for (Row f : files) {
      assertThat((String) f.getField("path")).matches("(.*/)?bucket-\\d{5}-of-00004-.*\\.parquet");
      assertThat(f.getField("bucket_count")).isEqualTo(4);
      assertThat((Integer) f.getField("bucket")).isBetween(0, 3);
      assertThat(f.getField("deleted_records")).isEqualTo(0L);
      @SuppressWarnings("unchecked")
      Map<String, String> min = (Map<String, String>) f.getField("min_values");
      @SuppressWarnings("unchecked")
      Map<String, Long> nulls = (Map<String, Long>) f.getField("null_counts");
      assertThat(min).containsKeys("file_id", "module", "bstart");
      assertThat(nulls).containsEntry("module", 0L);
      live += (Long) f.getField("live_records");
    }
    assertThat(live).isEqualTo(3L);
    // A pinned version always gives the same rows, and the plan holds a scan, not the rows.
    assertThat(rows(batch(DESCRIBED, 2).output("files"))).isEqualTo(files);
    String plan = compiled.output("files").explain();
    assertThat(plan).contains("TableSourceScan(").doesNotContain("Values(");
  }

  @Test
  void metadataAndFileManifest_areBatchOnly() {
    StreamExecutionEnvironment streams = StreamExecutionEnvironment.getExecutionEnvironment();
    StreamTableEnvironment env =
        StreamTableEnvironment.create(streams, EnvironmentSettings.inStreamingMode());
    assertThatThrownBy(
            () ->
                SpecCompiler.compile(
                    spec(DESCRIBED),
                    env,
                    new ChangelogInputBinder(
                        env, warehouse, Map.of("imports", 0L), Duration.ofMillis(100))))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("views[0].kind")
        .hasMessageContaining("a METADATA view describes one version of a table")
        .hasMessageContaining("batch-only");
  }
}
