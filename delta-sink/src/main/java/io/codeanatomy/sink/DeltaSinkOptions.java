package io.codeanatomy.sink;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of the {@code 'connector' = 'delta'} table sink. */
public final class DeltaSinkOptions {
  private DeltaSinkOptions() {}

  public static final ConfigOption<String> PATH =
      ConfigOptions.key("path")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Directory of the Delta table. The sink creates the table (Change Data Feed on) on"
                  + " its first commit when the directory holds no table yet.");

  public static final ConfigOption<WriteMode> MODE =
      ConfigOptions.key("sink.mode")
          .enumType(WriteMode.class)
          .defaultValue(WriteMode.APPEND)
          .withDescription(
              "'overwrite': the run replaces the table's whole content (a batch run commits"
                  + " exactly one new version); 'append': the run adds rows. INSERT OVERWRITE"
                  + " always overwrites; 'upsert': changelog input keyed by the table's PRIMARY KEY"
                  + " (required), each checkpoint applies the last change of every key as one"
                  + " copy-on-write version with exact change data files.");

  public static final ConfigOption<String> APP_ID =
      ConfigOptions.key("sink.app-id")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Application id of the writer. Each commit records a Delta txn action with"
                  + " appId = '<sink.app-id>-<job id of the run>' and version = checkpoint id,"
                  + " so a replayed commit is skipped. Defaults to an id derived from the path.");

  public static final ConfigOption<Long> ROWS_PER_FILE =
      ConfigOptions.key("sink.rows-per-file")
          .longType()
          .defaultValue(1_000_000L)
          .withDescription(
              "Rows a writer buffers before writing them as one Parquet file; bounds the memory"
                  + " of each writer.");

  public static final ConfigOption<Integer> PARALLELISM =
      ConfigOptions.key("sink.parallelism")
          .intType()
          .noDefaultValue()
          .withDescription(
              "Parallelism of the writers; defaults to the parallelism of the input. Commits"
                  + " always run in one task.");

  public static final ConfigOption<String> BUCKET_COLUMN =
      ConfigOptions.key("sink.bucket-column")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Upsert mode: the column (e.g. 'file_id', the owner) whose hash groups rows into"
                  + " files, so that changing the rows of one owner rewrites few files. A key"
                  + " column, or an owner column outside the key provided each key keeps one owner"
                  + " for life (deletes then carry whole rows). Without it, files are found by the"
                  + " statistics of the first key column.");

  public static final ConfigOption<Integer> BUCKETS =
      ConfigOptions.key("sink.buckets")
          .intType()
          .defaultValue(16)
          .withDescription(
              "Upsert mode with 'sink.bucket-column': how many buckets the column's hash is"
                  + " folded into (at most one file per touched bucket per commit).");

  public static final ConfigOption<Boolean> REPLACE_ON_FIRST_COMMIT =
      ConfigOptions.key("sink.upsert.replace-on-first-commit")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Upsert mode: the run's first commit (the first without a txn of this run) makes the"
                  + " table hold exactly the rows that commit upserts, deleting every other row;"
                  + " the change feed holds only the difference. For a fresh start of a job that"
                  + " recomputes the whole table from a snapshot. Never set it when resuming from"
                  + " a savepoint: the first commit after a resume holds only changes.");
}
